package io.timeshard.smt;

import static io.timeshard.smt.TestRecords.END;
import static io.timeshard.smt.TestRecords.START;
import static io.timeshard.smt.TestRecords.configured;
import static io.timeshard.smt.TestRecords.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.InsertField;
import org.apache.kafka.connect.transforms.ReplaceField;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.Test;

/**
 * The restore-between-dates recipe of docs/smt.md with Kafka's own transforms on either side:
 * InsertField adds the record time at backup, the filter keeps the window at restore, ReplaceField
 * removes the field again.
 */
class RestoreRecipeTest {
  private static final List<Instant> TIMES =
      List.of(
          Instant.parse("2025-05-16T13:11:59.999Z"),
          Instant.parse("2025-05-16T13:12:00Z"),
          Instant.parse("2025-05-16T13:13:59.999Z"),
          Instant.parse("2025-05-16T13:14:00Z"));

  private static final Schema VALUE_SCHEMA =
      SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();

  @Test
  void structRecordsInsideTheWindowComeBackWithoutTheField() {
    List<SinkRecord> restored = restore(backup(structRecords()));

    assertThat(restored).extracting(r -> ((Struct) r.value()).getInt32("id")).containsExactly(2, 3);
    assertThat(restored)
        .allSatisfy(
            r -> {
              assertThat(r.valueSchema().field("event_timestamp")).isNull();
              assertThat(r.valueSchema().fields()).hasSize(1);
            });
  }

  @Test
  void schemalessRecordsInsideTheWindowComeBackWithoutTheField() {
    List<SinkRecord> restored = restore(backup(mapRecords()));

    assertThat(restored)
        .extracting(SinkRecord::value)
        .containsExactly(Map.of("id", 2), Map.of("id", 3));
  }

  @Test
  void kafka4ReplaceFieldIgnoresTheOldNameBlacklist() {
    // Why docs/smt.md writes "exclude": older write-ups of the recipe say "blacklist", which
    // Kafka 4 no longer knows; the field would stay in every restored record.
    Transformation<SinkRecord> oldName =
        configured(new ReplaceField.Value<>(), props("blacklist", "event_timestamp"));
    SinkRecord backedUp = backup(structRecords()).get(1);

    assertThat(oldName.apply(backedUp).valueSchema().field("event_timestamp")).isNotNull();
  }

  /** What the backup connector writes: InsertField adds the record time as event_timestamp. */
  private static List<SinkRecord> backup(List<SinkRecord> records) {
    Transformation<SinkRecord> addTimestamp =
        configured(new InsertField.Value<>(), props("timestamp.field", "event_timestamp"));
    return records.stream().map(addTimestamp::apply).toList();
  }

  /** The restore connector's transforms, as docs/smt.md gives them. */
  private static List<SinkRecord> restore(List<SinkRecord> backedUp) {
    Transformation<SinkRecord> filterByTime =
        configured(
            new FilterByFieldTimestamp<>(),
            props(
                "timestamp.field", "event_timestamp",
                "start.datetime", START,
                "end.datetime", END));
    Transformation<SinkRecord> dropField =
        configured(new ReplaceField.Value<>(), props("exclude", "event_timestamp"));
    List<SinkRecord> restored = new ArrayList<>();
    for (SinkRecord record : backedUp) {
      SinkRecord kept = filterByTime.apply(record);
      if (kept != null) {
        restored.add(dropField.apply(kept));
      }
    }
    return restored;
  }

  private static List<SinkRecord> structRecords() {
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < TIMES.size(); i++) {
      Struct value = new Struct(VALUE_SCHEMA).put("id", i + 1);
      records.add(record(VALUE_SCHEMA, value, TIMES.get(i)));
    }
    return records;
  }

  private static List<SinkRecord> mapRecords() {
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < TIMES.size(); i++) {
      Map<String, Object> value = new HashMap<>();
      value.put("id", i + 1);
      records.add(record(null, value, TIMES.get(i)));
    }
    return records;
  }

  private static SinkRecord record(Schema schema, Object value, Instant time) {
    return new SinkRecord(
        "orders",
        0,
        null,
        null,
        schema,
        value,
        0L,
        time.toEpochMilli(),
        TimestampType.CREATE_TIME,
        new ConnectHeaders());
  }
}
