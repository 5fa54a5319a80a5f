package io.timeshard.connect.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The topic renames of the connector's {@code RegexRouter} transforms, applied in their order, so
 * that the destination check looks at the topics records will really go to.
 */
public final class TopicRenames {

  private static final String REGEX_ROUTER = "org.apache.kafka.connect.transforms.RegexRouter";

  private record Rename(Pattern regex, String replacement) {}

  private final List<Rename> renames;

  private TopicRenames(List<Rename> renames) {
    this.renames = renames;
  }

  public static TopicRenames of(Map<String, String> connectorConfig) {
    List<Rename> renames = new ArrayList<>();
    String transforms = connectorConfig.getOrDefault("transforms", "");
    for (String alias : transforms.split(",")) {
      String prefix = "transforms." + alias.trim() + ".";
      if (alias.isBlank()
          || !REGEX_ROUTER.equals(connectorConfig.getOrDefault(prefix + "type", "").trim())
          || connectorConfig.containsKey(prefix + "predicate")) {
        continue;
      }
      String regex = connectorConfig.get(prefix + "regex");
      String replacement = connectorConfig.get(prefix + "replacement");
      if (regex != null && replacement != null) {
        renames.add(new Rename(Pattern.compile(regex), replacement));
      }
    }
    return new TopicRenames(renames);
  }

  public String apply(String topic) {
    String name = topic;
    for (Rename rename : renames) {
      Matcher matcher = rename.regex().matcher(name);
      if (matcher.matches()) {
        name = matcher.replaceFirst(rename.replacement());
      }
    }
    return name;
  }
}
