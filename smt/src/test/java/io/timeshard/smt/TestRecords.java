package io.timeshard.smt;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/** Records, configurations and plugins for the tests. */
final class TestRecords {
  static final String TOPIC = "orders";
  static final int PARTITION = 3;
  static final long OFFSET = 42L;

  /** The window of the restore recipe, in UTC. */
  static final String START = "20250516131200";

  static final String END = "20250516131400";
  static final Instant START_INSTANT = Instant.parse("2025-05-16T13:12:00Z");
  static final Instant END_INSTANT = Instant.parse("2025-05-16T13:14:00Z");
  static final Instant INSIDE = Instant.parse("2025-05-16T13:13:00Z");
  static final Instant BEFORE = Instant.parse("2025-05-16T13:00:00Z");
  static final Instant AFTER = Instant.parse("2025-05-16T14:00:00Z");

  private TestRecords() {}

  /** Configuration pairs: key, value, key, value... */
  static Map<String, String> props(String... keysAndValues) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      props.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return props;
  }

  /** The recipe's window on field event_timestamp, with extra pairs that add or override. */
  static Map<String, String> windowProps(String... extraKeysAndValues) {
    Map<String, String> props =
        props(
            "timestamp.field", "event_timestamp",
            "start.datetime", START,
            "end.datetime", END);
    props.putAll(props(extraKeysAndValues));
    return props;
  }

  static FilterByFieldTimestamp<SinkRecord> filter(Map<String, String> props) {
    return configured(new FilterByFieldTimestamp<>(), props);
  }

  static TimestampInWindow<SinkRecord> predicate(Map<String, String> props) {
    TimestampInWindow<SinkRecord> predicate = new TimestampInWindow<>();
    predicate.configure(props);
    return predicate;
  }

  static <T extends Transformation<SinkRecord>> T configured(
      T transformation, Map<String, ?> props) {
    transformation.configure(props);
    return transformation;
  }

  /** Whether the transformation let the record through, unchanged. */
  static boolean keeps(Transformation<SinkRecord> transformation, SinkRecord record) {
    SinkRecord result = transformation.apply(record);
    if (result != null && result != record) {
      throw new AssertionError("the record was changed: " + result);
    }
    return result != null;
  }

  static boolean test(Predicate<SinkRecord> predicate, SinkRecord record) {
    return predicate.test(record);
  }

  /** A Struct {id: int32, event_timestamp: optional Timestamp}. */
  static Struct eventStruct(Instant time) {
    Schema schema =
        SchemaBuilder.struct()
            .field("id", Schema.INT32_SCHEMA)
            .field("event_timestamp", Timestamp.builder().optional().build())
            .build();
    return new Struct(schema).put("id", 1).put("event_timestamp", date(time));
  }

  /** A Struct with one optional field of the given schema holding the value. */
  static Struct structWith(String field, Schema fieldSchema, Object value) {
    Schema schema = SchemaBuilder.struct().field(field, fieldSchema).build();
    return new Struct(schema).put(field, value);
  }

  /** A schemaless value with one entry. */
  static Map<String, Object> mapWith(String key, Object value) {
    Map<String, Object> map = new HashMap<>();
    map.put(key, value);
    return map;
  }

  static Date date(Instant time) {
    return time == null ? null : Date.from(time);
  }

  /** A record from topic orders, partition 3, offset 42, with this value (Struct or Map). */
  static SinkRecord record(Object value) {
    return record(null, value, null, new ConnectHeaders());
  }

  static SinkRecord record(Object key, Object value, Long timestamp, Headers headers) {
    return new SinkRecord(
        TOPIC,
        PARTITION,
        schemaOf(key),
        key,
        schemaOf(value),
        value,
        OFFSET,
        timestamp,
        TimestampType.CREATE_TIME,
        headers);
  }

  static SinkRecord withTimestamp(Instant time) {
    return record(
        null, mapWith("id", 1), time == null ? null : time.toEpochMilli(), new ConnectHeaders());
  }

  private static Schema schemaOf(Object value) {
    return value instanceof Struct struct ? struct.schema() : null;
  }
}
