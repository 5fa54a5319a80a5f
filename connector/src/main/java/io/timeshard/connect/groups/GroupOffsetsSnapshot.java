package io.timeshard.connect.groups;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * One group's committed offset of one partition at one snapshot: the records the snapshot connector
 * writes and {@code timeshard offsets} reads back.
 *
 * <p>Key: {@code {group, topic, partition}}. Value: the same, with {@code offset} (the next record
 * the group would read), {@code metadata} and {@code snapshot_time}, the time the snapshot was
 * taken, shared by every record of one snapshot.
 */
public record GroupOffsetsSnapshot(
    String group, String topic, int partition, long offset, String metadata, long snapshotTime) {

  public static final String GROUP = "group";
  public static final String TOPIC = "topic";
  public static final String PARTITION = "partition";
  public static final String OFFSET = "offset";
  public static final String METADATA = "metadata";
  public static final String SNAPSHOT_TIME = "snapshot_time";

  public static final Schema KEY_SCHEMA =
      SchemaBuilder.struct()
          .name("io.timeshard.groups.GroupOffsetKey")
          .field(GROUP, Schema.STRING_SCHEMA)
          .field(TOPIC, Schema.STRING_SCHEMA)
          .field(PARTITION, Schema.INT32_SCHEMA)
          .build();

  public static final Schema VALUE_SCHEMA =
      SchemaBuilder.struct()
          .name("io.timeshard.groups.GroupOffset")
          .version(1)
          .field(GROUP, Schema.STRING_SCHEMA)
          .field(TOPIC, Schema.STRING_SCHEMA)
          .field(PARTITION, Schema.INT32_SCHEMA)
          .field(OFFSET, Schema.INT64_SCHEMA)
          .field(METADATA, Schema.OPTIONAL_STRING_SCHEMA)
          .field(SNAPSHOT_TIME, Timestamp.SCHEMA)
          .build();

  public Struct key() {
    return new Struct(KEY_SCHEMA).put(GROUP, group).put(TOPIC, topic).put(PARTITION, partition);
  }

  public Struct value() {
    return new Struct(VALUE_SCHEMA)
        .put(GROUP, group)
        .put(TOPIC, topic)
        .put(PARTITION, partition)
        .put(OFFSET, offset)
        .put(METADATA, metadata)
        .put(SNAPSHOT_TIME, new java.util.Date(snapshotTime));
  }

  /**
   * Reads a snapshot value back, as a Struct (Avro, JSON with schemas) or a map (schemaless JSON,
   * or JSON with schemas read without them).
   *
   * @throws IllegalArgumentException naming the missing field
   */
  public static GroupOffsetsSnapshot fromValue(Object value) {
    if (value instanceof Struct struct) {
      return new GroupOffsetsSnapshot(
          struct.getString(GROUP),
          struct.getString(TOPIC),
          struct.getInt32(PARTITION),
          struct.getInt64(OFFSET),
          struct.getString(METADATA),
          millis(struct.get(SNAPSHOT_TIME)));
    }
    if (value instanceof Map<?, ?> envelope
        && envelope.containsKey("schema")
        && envelope.get("payload") instanceof Map<?, ?> payload) {
      // JSON with its schema, read by a JsonConverter with schemas.enable=false.
      return fromValue(payload);
    }
    if (value instanceof Map<?, ?> map) {
      return new GroupOffsetsSnapshot(
          (String) required(map, GROUP),
          (String) required(map, TOPIC),
          ((Number) required(map, PARTITION)).intValue(),
          ((Number) required(map, OFFSET)).longValue(),
          (String) map.get(METADATA),
          millis(required(map, SNAPSHOT_TIME)));
    }
    throw new IllegalArgumentException(
        "not a group offsets snapshot (a struct or map with "
            + GROUP
            + ", "
            + TOPIC
            + ", "
            + PARTITION
            + ", "
            + OFFSET
            + ", "
            + SNAPSHOT_TIME
            + "): "
            + value);
  }

  private static Object required(Map<?, ?> map, String field) {
    Object value = map.get(field);
    if (value == null) {
      throw new IllegalArgumentException("group offsets snapshot without '" + field + "': " + map);
    }
    return value;
  }

  private static long millis(Object time) {
    if (time instanceof java.util.Date date) {
      return date.getTime();
    }
    if (time instanceof Number number) {
      return number.longValue();
    }
    throw new IllegalArgumentException("'" + SNAPSHOT_TIME + "' is not a time: " + time);
  }
}
