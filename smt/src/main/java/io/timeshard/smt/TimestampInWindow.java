package io.timeshard.smt;

import io.timeshard.smt.TimestampInWindowConfig.OnMissing;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * True for records whose time lies in a window whose start is inclusive and whose end is exclusive,
 * for Kafka's {@code Filter} and any other transformation with a {@code predicate}.
 *
 * <p>The plain class name works on the record value, like {@link Value}.
 */
public class TimestampInWindow<R extends ConnectRecord<R>> implements Predicate<R>, Versioned {

  public static final String OVERVIEW_DOC =
      "A predicate that is true when the record's time lies in the window from start.datetime"
          + " (inclusive) to end.datetime (exclusive); either bound may be left out. The time is"
          + " read as by io.timeshard.smt.FilterByFieldTimestamp. With Kafka's Filter, set"
          + " negate=true on the transformation to drop the records outside the window.";

  public static final ConfigDef CONFIG_DEF = TimestampInWindowConfig.CONFIG_DEF;

  private RecordTimeReader timeReader;
  private TimeWindow window;
  private OnMissing onMissing;

  @Override
  public void configure(Map<String, ?> props) {
    TimestampInWindowConfig config = new TimestampInWindowConfig(props);
    timeReader = config.timeReader(part());
    window = config.window();
    onMissing = config.onMissing();
  }

  /** The part of the record that {@code timestamp.field} is read from. */
  RecordPart part() {
    return RecordPart.VALUE;
  }

  @Override
  public boolean test(R record) {
    Instant time = timeReader.read(record);
    if (time == null) {
      return switch (onMissing) {
        case FALSE -> false;
        case TRUE -> true;
        case FAIL ->
            throw timeReader.missingTimeError(
                record, TimestampInWindowConfig.ON_MISSING_CONFIG + "=fail");
      };
    }
    return window.contains(time);
  }

  @Override
  public ConfigDef config() {
    return CONFIG_DEF;
  }

  @Override
  public String version() {
    return Version.current();
  }

  @Override
  public void close() {}

  /** Reads {@code timestamp.field} from the record key. */
  public static class Key<R extends ConnectRecord<R>> extends TimestampInWindow<R> {
    @Override
    RecordPart part() {
      return RecordPart.KEY;
    }
  }

  /** Reads {@code timestamp.field} from the record value. */
  public static class Value<R extends ConnectRecord<R>> extends TimestampInWindow<R> {}
}
