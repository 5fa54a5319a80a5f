package io.timeshard.connect.groups;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The group offsets snapshot connector's configuration: the cluster being backed up, which groups,
 * how often, and the topic the snapshots go to.
 */
public class GroupOffsetsSourceConfig extends AbstractConfig {

  public static final String SOURCE_GROUP = "Source cluster";

  public static final String SOURCE_PREFIX = "source.cluster.";
  public static final String SOURCE_BOOTSTRAP_SERVERS_CONFIG = SOURCE_PREFIX + "bootstrap.servers";
  private static final String SOURCE_BOOTSTRAP_SERVERS_DOC =
      "The Kafka cluster whose consumer groups are snapshotted: the cluster being backed up, as"
          + " MirrorMaker names it. Other source.cluster.* keys (security.protocol, sasl.*, ssl.*,"
          + " ...) go to the admin client that reads the groups' committed offsets.";

  public static final String SNAPSHOT_GROUP = "Snapshot";

  public static final String GROUPS_CONFIG = "groups";
  public static final String GROUPS_DEFAULT = ".*";
  private static final String GROUPS_DOC =
      "A Java regex that consumer group ids must match as a whole to be snapshotted.";

  public static final String GROUPS_EXCLUDE_CONFIG = "groups.exclude";
  public static final String GROUPS_EXCLUDE_DEFAULT = "console-consumer-.*|connect-.*|__.*";
  private static final String GROUPS_EXCLUDE_DOC =
      "A Java regex of group ids never snapshotted, even when groups matches them. The default"
          + " leaves out the internal groups, as MirrorMaker does: the console consumers'"
          + " throw-away groups, Kafka Connect's sink connector groups (the backup's own among"
          + " them) and groups starting with two underscores.";

  public static final String INTERVAL_SECONDS_CONFIG = "snapshot.interval.seconds";
  public static final long INTERVAL_SECONDS_DEFAULT = 60;
  private static final String INTERVAL_SECONDS_DOC =
      "How often to read the groups' committed offsets. A restored group resumes from the last"
          + " snapshot before the restore window's end, so it may see again the records it"
          + " processed in up to this long.";

  public static final String TOPIC_CONFIG = "snapshot.topic";
  public static final String TOPIC_DEFAULT = "timeshard.group-offsets";
  private static final String TOPIC_DOC =
      "The topic the snapshots are written to, in the Connect worker's cluster. Add it to the"
          + " backup sink's topics, so that it is backed up with the rest.";

  public static final ConfigDef CONFIG_DEF = configDef();

  public GroupOffsetsSourceConfig(Map<?, ?> originals) {
    super(CONFIG_DEF, originals, false);
    groups();
    excludedGroups();
  }

  private static ConfigDef configDef() {
    ConfigDef def = new ConfigDef();
    def.define(
        SOURCE_BOOTSTRAP_SERVERS_CONFIG,
        Type.STRING,
        ConfigDef.NO_DEFAULT_VALUE,
        new ConfigDef.NonEmptyString(),
        Importance.HIGH,
        SOURCE_BOOTSTRAP_SERVERS_DOC,
        SOURCE_GROUP,
        1,
        Width.LONG,
        "Source bootstrap servers");
    int order = 0;
    def.define(
            GROUPS_CONFIG,
            Type.STRING,
            GROUPS_DEFAULT,
            RegexValidator.INSTANCE,
            Importance.HIGH,
            GROUPS_DOC,
            SNAPSHOT_GROUP,
            ++order,
            Width.LONG,
            "Groups")
        .define(
            GROUPS_EXCLUDE_CONFIG,
            Type.STRING,
            GROUPS_EXCLUDE_DEFAULT,
            RegexValidator.INSTANCE,
            Importance.MEDIUM,
            GROUPS_EXCLUDE_DOC,
            SNAPSHOT_GROUP,
            ++order,
            Width.LONG,
            "Groups excluded")
        .define(
            INTERVAL_SECONDS_CONFIG,
            Type.LONG,
            INTERVAL_SECONDS_DEFAULT,
            Range.atLeast(1),
            Importance.MEDIUM,
            INTERVAL_SECONDS_DOC,
            SNAPSHOT_GROUP,
            ++order,
            Width.SHORT,
            "Snapshot interval (s)")
        .define(
            TOPIC_CONFIG,
            Type.STRING,
            TOPIC_DEFAULT,
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            TOPIC_DOC,
            SNAPSHOT_GROUP,
            ++order,
            Width.MEDIUM,
            "Snapshot topic");
    return def;
  }

  /** The admin client settings: every {@code source.cluster.*} key. */
  public Map<String, Object> sourceClusterConfig() {
    return originalsWithPrefix(SOURCE_PREFIX);
  }

  public Pattern groups() {
    return pattern(GROUPS_CONFIG);
  }

  public Pattern excludedGroups() {
    return pattern(GROUPS_EXCLUDE_CONFIG);
  }

  /** True for a group whose offsets are snapshotted. */
  public boolean selects(String group) {
    return groups().matcher(group).matches() && !excludedGroups().matcher(group).matches();
  }

  public Duration interval() {
    return Duration.ofSeconds(getLong(INTERVAL_SECONDS_CONFIG));
  }

  public String topic() {
    return getString(TOPIC_CONFIG);
  }

  private Pattern pattern(String key) {
    String regex = getString(key);
    try {
      return Pattern.compile(regex == null ? "" : regex);
    } catch (PatternSyntaxException e) {
      throw new ConfigException(key, regex, "not a regex: " + e.getDescription());
    }
  }

  /** Accepts a Java regex. */
  static final class RegexValidator implements ConfigDef.Validator {
    static final RegexValidator INSTANCE = new RegexValidator();

    @Override
    public void ensureValid(String name, Object value) {
      try {
        Pattern.compile(value == null ? "" : (String) value);
      } catch (PatternSyntaxException e) {
        throw new ConfigException(name, value, "not a regex: " + e.getDescription());
      }
    }

    @Override
    public String toString() {
      return "a Java regex";
    }
  }
}
