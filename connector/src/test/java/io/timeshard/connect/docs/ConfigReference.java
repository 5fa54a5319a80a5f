package io.timeshard.connect.docs;

import io.timeshard.connect.RestoreSourceConfig;
import io.timeshard.connect.groups.GroupOffsetsSourceConfig;
import io.timeshard.connect.supervise.TaskRestartConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * Writes the configuration reference, {@code docs/configuration.md}, from the connector's {@code
 * ConfigDef}: the build runs it, so the reference never drifts from the code.
 */
public final class ConfigReference {

  private static final java.util.Set<String> TEST_ONLY_GROUPS =
      java.util.Set.of("Registered store");

  private ConfigReference() {}

  public static void main(String[] args) throws IOException {
    Path target = Path.of(args.length > 0 ? args[0] : "docs/configuration.md");
    Files.createDirectories(target.getParent());
    Files.writeString(
        target,
        render(RestoreSourceConfig.CONFIG_DEF)
            + "# Group offsets snapshot connector\n\n"
            + "Every key of `io.timeshard.connect.groups.GroupOffsetsSourceConnector`, which"
            + " snapshots the consumer groups' committed offsets of the cluster being backed up"
            + " (see [operations](operations.md#disaster-recovery-into-an-empty-cluster)).\n\n"
            + groups(GroupOffsetsSourceConfig.CONFIG_DEF)
            + "# Task restart extension (worker)\n\n"
            + "Worker properties of `io.timeshard.connect.supervise.TaskRestartExtension`, the"
            + " REST extension that restarts the tasks a worker fails outside Timeshard's code"
            + " (enable it with `rest.extension.classes`; see"
            + " [operations](operations.md#worker-failures-and-rolling-restarts)).\n\n"
            + groups(TaskRestartConfig.CONFIG_DEF),
        StandardCharsets.UTF_8);
  }

  static String render(ConfigDef def) {
    StringBuilder out = new StringBuilder();
    out.append("# Configuration reference\n\n")
        .append(
            "<!-- Generated from RestoreSourceConfig.CONFIG_DEF,"
                + " GroupOffsetsSourceConfig.CONFIG_DEF and TaskRestartConfig.CONFIG_DEF by the"
                + " build; do not edit. -->\n\n")
        .append(
            "Every key of `io.timeshard.connect.RestoreSourceConnector`, by group, as Connect's")
        .append(" `/validate` shows them. Keys the storage sinks and the licensed restore")
        .append(" connectors use keep their names and meanings.\n\n");
    return out.append(groups(def)).toString();
  }

  /** The keys of a definition, a table per group. */
  static String groups(ConfigDef def) {
    Map<String, List<ConfigKey>> groups = new LinkedHashMap<>();
    for (String group : def.groups()) {
      groups.put(group, new ArrayList<>());
    }
    List<ConfigKey> keys = new ArrayList<>(def.configKeys().values());
    keys.sort(java.util.Comparator.comparingInt((ConfigKey key) -> key.orderInGroup));
    for (ConfigKey key : keys) {
      // The generator runs on the test class path, where a test registers a store of its own
      // through META-INF/services; users never have it.
      if (key.group != null && TEST_ONLY_GROUPS.contains(key.group)) {
        continue;
      }
      groups
          .computeIfAbsent(key.group == null ? "Other" : key.group, g -> new ArrayList<>())
          .add(key);
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, List<ConfigKey>> group : groups.entrySet()) {
      if (group.getValue().isEmpty()) {
        continue;
      }
      out.append("## ").append(group.getKey()).append("\n\n");
      out.append("| key | type | default | valid values | importance | description |\n");
      out.append("| --- | --- | --- | --- | --- | --- |\n");
      for (ConfigKey key : group.getValue()) {
        out.append("| `")
            .append(key.name)
            .append("` | ")
            .append(key.type.name().toLowerCase(java.util.Locale.ROOT))
            .append(" | ")
            .append(defaultOf(key))
            .append(" | ")
            .append(key.validator == null ? "" : cell(key.validator.toString()))
            .append(" | ")
            .append(key.importance.name().toLowerCase(java.util.Locale.ROOT))
            .append(" | ")
            .append(cell(key.documentation))
            .append(" |\n");
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String defaultOf(ConfigKey key) {
    if (!key.hasDefault()) {
      return "(required)";
    }
    if (key.defaultValue == null) {
      return "";
    }
    String text = ConfigDef.convertToString(key.defaultValue, key.type);
    if (text.isEmpty()) {
      return "\"\"";
    }
    return "`" + text.replace("\n", "\\n").replace("|", "\\|") + "`";
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }
}
