package io.timeshard.smt;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Configuration of {@link FilterByFieldTimestamp}. */
public final class FilterByFieldTimestampConfig extends TimeWindowConfig {
  private static final String FILTER_GROUP = "Filter";

  public static final String MODE_CONFIG = "mode";
  public static final String MODE_DOC =
      "'include' keeps the records whose time is inside the window and drops the others;"
          + " 'exclude' drops the records inside the window and keeps the others.";
  public static final String MODE_DEFAULT = "include";
  public static final String MODE_DISPLAY = "Mode";

  public static final String ON_MISSING_DOC =
      "What to do with a record whose time is null, missing or cannot be read (whatever the"
          + " mode): 'exclude' drops it, 'include' keeps it, 'fail' stops the task with an error"
          + " that names the topic, partition, offset, field and value.";
  public static final String ON_MISSING_DEFAULT = "exclude";
  public static final String ON_MISSING_DISPLAY = "Records without a time";

  public static final String ON_TOMBSTONE_CONFIG = "on.tombstone";
  public static final String ON_TOMBSTONE_DOC =
      "What to do with a tombstone (a record with a null value): 'include' keeps it without"
          + " looking at its time, 'exclude' drops it, 'window' treats it like any other record"
          + " (with a time from the value, it has none and on.missing decides).";
  public static final String ON_TOMBSTONE_DEFAULT = "include";
  public static final String ON_TOMBSTONE_DISPLAY = "Tombstones";

  /** Whether the records inside the window are kept or dropped. */
  enum Mode {
    INCLUDE,
    EXCLUDE
  }

  /** What happens to a record without a usable time. */
  enum OnMissing {
    EXCLUDE,
    INCLUDE,
    FAIL
  }

  /** What happens to a record with a null value. */
  enum OnTombstone {
    INCLUDE,
    EXCLUDE,
    WINDOW
  }

  private static final OneOf<Mode> MODES = new OneOf<>(Mode.class);
  private static final OneOf<OnMissing> ON_MISSING = new OneOf<>(OnMissing.class);
  private static final OneOf<OnTombstone> ON_TOMBSTONE = new OneOf<>(OnTombstone.class);

  public static final ConfigDef CONFIG_DEF =
      define(new ConfigDef())
          .define(
              MODE_CONFIG,
              Type.STRING,
              MODE_DEFAULT,
              MODES,
              Importance.HIGH,
              MODE_DOC,
              FILTER_GROUP,
              1,
              Width.SHORT,
              MODE_DISPLAY)
          .define(
              ON_MISSING_CONFIG,
              Type.STRING,
              ON_MISSING_DEFAULT,
              ON_MISSING,
              Importance.MEDIUM,
              ON_MISSING_DOC,
              FILTER_GROUP,
              2,
              Width.SHORT,
              ON_MISSING_DISPLAY)
          .define(
              ON_TOMBSTONE_CONFIG,
              Type.STRING,
              ON_TOMBSTONE_DEFAULT,
              ON_TOMBSTONE,
              Importance.MEDIUM,
              ON_TOMBSTONE_DOC,
              FILTER_GROUP,
              3,
              Width.SHORT,
              ON_TOMBSTONE_DISPLAY);

  private final Mode mode;
  private final OnMissing onMissing;
  private final OnTombstone onTombstone;

  public FilterByFieldTimestampConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props);
    mode = MODES.parse(getString(MODE_CONFIG));
    onMissing = ON_MISSING.parse(getString(ON_MISSING_CONFIG));
    onTombstone = ON_TOMBSTONE.parse(getString(ON_TOMBSTONE_CONFIG));
  }

  Mode mode() {
    return mode;
  }

  OnMissing onMissing() {
    return onMissing;
  }

  OnTombstone onTombstone() {
    return onTombstone;
  }
}
