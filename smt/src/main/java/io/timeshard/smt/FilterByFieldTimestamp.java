package io.timeshard.smt;

import io.timeshard.smt.FilterByFieldTimestampConfig.Mode;
import io.timeshard.smt.FilterByFieldTimestampConfig.OnMissing;
import io.timeshard.smt.FilterByFieldTimestampConfig.OnTombstone;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Keeps or drops records by their time: a field of the value or key, the record timestamp or a
 * header, compared with a window whose start is inclusive and whose end is exclusive.
 *
 * <p>The plain class name works on the record value, like {@link Value}, so that configurations
 * written as {@code type=io.timeshard.smt.FilterByFieldTimestamp} keep working.
 */
public class FilterByFieldTimestamp<R extends ConnectRecord<R>>
    implements Transformation<R>, Versioned {

  public static final String OVERVIEW_DOC =
      "Keep (mode=include) or drop (mode=exclude) the records whose time lies in the window from"
          + " start.datetime (inclusive) to end.datetime (exclusive); either bound may be left out."
          + " The time is read from a field of the record value (or of the key, with the $Key"
          + " variant), from the record timestamp or from a header. A Connect Timestamp, an"
          + " int64 or int32 epoch value or an ISO-8601 or patterned string are understood."
          + " Records without a usable time follow on.missing; tombstones are kept unless"
          + " on.tombstone says otherwise.";

  public static final ConfigDef CONFIG_DEF = FilterByFieldTimestampConfig.CONFIG_DEF;

  private RecordTimeReader timeReader;
  private TimeWindow window;
  private boolean keepInside;
  private OnMissing onMissing;
  private OnTombstone onTombstone;

  @Override
  public void configure(Map<String, ?> props) {
    FilterByFieldTimestampConfig config = new FilterByFieldTimestampConfig(props);
    timeReader = config.timeReader(part());
    window = config.window();
    keepInside = config.mode() == Mode.INCLUDE;
    onMissing = config.onMissing();
    onTombstone = config.onTombstone();
  }

  /** The part of the record that {@code timestamp.field} is read from. */
  RecordPart part() {
    return RecordPart.VALUE;
  }

  @Override
  public R apply(R record) {
    if (record.value() == null && onTombstone != OnTombstone.WINDOW) {
      return onTombstone == OnTombstone.INCLUDE ? record : null;
    }
    Instant time = timeReader.read(record);
    if (time == null) {
      return switch (onMissing) {
        case INCLUDE -> record;
        case EXCLUDE -> null;
        case FAIL ->
            throw timeReader.missingTimeError(
                record, FilterByFieldTimestampConfig.ON_MISSING_CONFIG + "=fail");
      };
    }
    return window.contains(time) == keepInside ? record : null;
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
  public static class Key<R extends ConnectRecord<R>> extends FilterByFieldTimestamp<R> {
    @Override
    RecordPart part() {
      return RecordPart.KEY;
    }
  }

  /** Reads {@code timestamp.field} from the record value. */
  public static class Value<R extends ConnectRecord<R>> extends FilterByFieldTimestamp<R> {}
}
