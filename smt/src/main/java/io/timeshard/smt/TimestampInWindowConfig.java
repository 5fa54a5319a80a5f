package io.timeshard.smt;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Configuration of {@link TimestampInWindow}. */
public final class TimestampInWindowConfig extends TimeWindowConfig {
  private static final String PREDICATE_GROUP = "Predicate";

  public static final String ON_MISSING_DOC =
      "The answer for a record whose time is null, missing or cannot be read: 'false' (the"
          + " record counts as outside the window), 'true' (inside) or 'fail', which stops the"
          + " task with an error that names the topic, partition, offset, field and value."
          + " The predicate's negate setting inverts 'false' and 'true' like any other answer.";
  public static final String ON_MISSING_DEFAULT = "false";
  public static final String ON_MISSING_DISPLAY = "Records without a time";

  /** The answer for a record without a usable time. */
  enum OnMissing {
    FALSE,
    TRUE,
    FAIL
  }

  private static final OneOf<OnMissing> ON_MISSING = new OneOf<>(OnMissing.class);

  public static final ConfigDef CONFIG_DEF =
      define(new ConfigDef())
          .define(
              ON_MISSING_CONFIG,
              Type.STRING,
              ON_MISSING_DEFAULT,
              ON_MISSING,
              Importance.MEDIUM,
              ON_MISSING_DOC,
              PREDICATE_GROUP,
              1,
              Width.SHORT,
              ON_MISSING_DISPLAY);

  private final OnMissing onMissing;

  public TimestampInWindowConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props);
    onMissing = ON_MISSING.parse(getString(ON_MISSING_CONFIG));
  }

  OnMissing onMissing() {
    return onMissing;
  }
}
