package io.timeshard.smt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.junit.jupiter.api.Test;

/**
 * The option tables of docs/smt.md are generated from the plugins' ConfigDefs, so that the
 * documentation says what the code accepts. Regenerate them with {@code ./mvnw -B -pl smt test
 * -Dtest=ConfigDocsTest -Ddocs.update=true}.
 */
class ConfigDocsTest {
  private static final Path DOC = Path.of("..", "docs", "smt.md");
  private static final String END_MARKER = "<!-- end of generated options -->";

  @Test
  void optionTablesMatchTheConfigDefs() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String generated =
        withTable(
            withTable(doc, "FilterByFieldTimestamp", FilterByFieldTimestamp.CONFIG_DEF),
            "TimestampInWindow",
            TimestampInWindow.CONFIG_DEF);
    if (Boolean.getBoolean("docs.update")) {
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
      doc = generated;
    }

    assertThat(doc)
        .as("docs/smt.md is out of date; regenerate it as the class comment says")
        .isEqualTo(generated);
  }

  /** Replaces the table between the plugin's start marker and the end marker. */
  private static String withTable(String doc, String plugin, ConfigDef definition) {
    String startMarker = "<!-- generated options of " + plugin + " -->";
    int start = doc.indexOf(startMarker);
    assertThat(start).as("docs/smt.md has the marker %s", startMarker).isNotNegative();
    start += startMarker.length();
    int end = doc.indexOf(END_MARKER, start);
    assertThat(end).as("docs/smt.md closes the table of %s", plugin).isPositive();
    return doc.substring(0, start) + "\n" + table(definition) + doc.substring(end);
  }

  private static String table(ConfigDef definition) {
    StringBuilder table =
        new StringBuilder("| Option | Default | Valid values | Description |\n")
            .append("| --- | --- | --- | --- |\n");
    for (ConfigKey key : definition.configKeys().values()) {
      table
          .append("| `")
          .append(key.name)
          .append("` | ")
          .append(key.hasDefault() && key.defaultValue != null ? "`" + key.defaultValue + "`" : "")
          .append(" | ")
          .append(key.validator == null ? "" : key.validator.toString())
          .append(" | ")
          .append(key.documentation)
          .append(" |\n");
    }
    return table.toString();
  }
}
