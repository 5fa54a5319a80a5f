package io.timeshard.connect.restore;

import io.timeshard.partitioner.BackupObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.DataException;

/**
 * Where a partition stream's restore stands, as Connect stores it.
 *
 * <p>Source partition: {@code {"topic": t, "partition": p}}, the Kafka partition the records came
 * from, not a folder, so that a stream resumes whichever task takes it. Source offset: {@code
 * {"object": key, "start": startOffset, "record": index, "eof": bool}}, the last record produced.
 *
 * @param objectKey the key of the object the last produced record came from
 * @param startOffset that object's start offset, to place it when the key is gone from a listing
 * @param record the index of the last produced record in that object, from 0
 * @param endOfObject true when that record was the object's last
 */
public record RestorePosition(
    String objectKey, long startOffset, long record, boolean endOfObject) {

  public static final String TOPIC_KEY = "topic";
  public static final String PARTITION_KEY = "partition";
  public static final String OBJECT_KEY = "object";
  public static final String START_KEY = "start";
  public static final String RECORD_KEY = "record";
  public static final String EOF_KEY = "eof";

  /**
   * The source partition of a Kafka partition: immutable, its hash computed once (Connect hashes it
   * for every record), iterating in the order its offsets were always stored under.
   */
  public static Map<String, Object> sourcePartition(TopicPartition tp) {
    Map<String, Object> partition = new HashMap<>();
    partition.put(TOPIC_KEY, tp.topic());
    partition.put(PARTITION_KEY, tp.partition());
    return new SourcePartitionMap(partition);
  }

  /**
   * Reads a source partition.
   *
   * @throws DataException naming what is missing or of the wrong type
   */
  public static TopicPartition topicPartition(Map<String, ?> sourcePartition) {
    Object topic = sourcePartition.get(TOPIC_KEY);
    Object partition = sourcePartition.get(PARTITION_KEY);
    if (!(topic instanceof String) || ((String) topic).isEmpty()) {
      throw new DataException(
          "Source partition " + sourcePartition + " needs a string '" + TOPIC_KEY + "'");
    }
    if (!(partition instanceof Number) || ((Number) partition).intValue() < 0) {
      throw new DataException(
          "Source partition "
              + sourcePartition
              + " needs a non-negative number '"
              + PARTITION_KEY
              + "'");
    }
    return new TopicPartition((String) topic, ((Number) partition).intValue());
  }

  public Map<String, Object> toSourceOffset() {
    return sourceOffset(objectKey, startOffset, record, endOfObject);
  }

  /**
   * The source offset of a position, made for every record restored: an immutable map of the four
   * entries, without a {@code RestorePosition} or a hash table of its own.
   */
  public static Map<String, Object> sourceOffset(
      String objectKey, Long startOffset, long record, boolean endOfObject) {
    return new SourceOffsetMap(objectKey, startOffset, record, endOfObject, null);
  }

  /** As above, with the restarts of the task that produced the record; {@code null} for none. */
  public static Map<String, Object> sourceOffset(
      String objectKey, Long startOffset, long record, boolean endOfObject, TaskRestarts restarts) {
    return new SourceOffsetMap(objectKey, startOffset, record, endOfObject, restarts);
  }

  /**
   * Reads a source offset; {@code null} (no offset, or an offset reset) is no position.
   *
   * @throws DataException naming what is missing or of the wrong type
   */
  public static Optional<RestorePosition> fromSourceOffset(Map<String, ?> offset) {
    if (offset == null) {
      return Optional.empty();
    }
    Object object = offset.get(OBJECT_KEY);
    Object start = offset.get(START_KEY);
    Object record = offset.get(RECORD_KEY);
    Object eof = offset.containsKey(EOF_KEY) ? offset.get(EOF_KEY) : Boolean.FALSE;
    if (!(object instanceof String) || ((String) object).isEmpty()) {
      throw new DataException("Source offset " + offset + " needs a string '" + OBJECT_KEY + "'");
    }
    if (!(start instanceof Number) || ((Number) start).longValue() < 0) {
      throw new DataException(
          "Source offset " + offset + " needs a non-negative number '" + START_KEY + "'");
    }
    if (!(record instanceof Number) || ((Number) record).longValue() < -1) {
      throw new DataException(
          "Source offset " + offset + " needs a number '" + RECORD_KEY + "' of -1 or more");
    }
    if (!(eof instanceof Boolean)) {
      throw new DataException("Source offset " + offset + " needs a boolean '" + EOF_KEY + "'");
    }
    return Optional.of(
        new RestorePosition(
            (String) object,
            ((Number) start).longValue(),
            ((Number) record).longValue(),
            (Boolean) eof));
  }

  /** True when {@code object} comes wholly before this position in restore order. */
  public boolean isPast(BackupObject object) {
    int order =
        object.startOffset() != startOffset
            ? Long.compare(object.startOffset(), startOffset)
            : object.objectKey().compareTo(objectKey);
    return order < 0 || (order == 0 && endOfObject);
  }

  /** How many records of {@code object} were already produced. */
  public long recordsDone(BackupObject object) {
    return object.objectKey().equals(objectKey) ? record + 1 : 0;
  }
}
