package io.timeshard.connect.restore;

import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.time.TimeInterval;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns backup records into source records for the topic and partition they came from, dropping
 * those outside the window when the time of each record is known from a field.
 */
public final class RecordConverter {

  private final TimeInterval window;
  private final Optional<TimestampField> timestampField;
  private final boolean timestampFromField;
  private final String originHeader;

  /** The task's restarts, for the offsets; {@code null} until it restarts. */
  private TaskRestarts restarts;

  /**
   * @param window the restore window
   * @param timestampField the value field holding each record's time, if any
   * @param timestampFromField stamp restored records with that time
   */
  public RecordConverter(
      TimeInterval window, Optional<TimestampField> timestampField, boolean timestampFromField) {
    this(window, timestampField, timestampFromField, null);
  }

  /**
   * @param originHeader the name of the header that names each record's place in the backup ({@link
   *     OriginHeader}), or {@code null} for none
   */
  public RecordConverter(
      TimeInterval window,
      Optional<TimestampField> timestampField,
      boolean timestampFromField,
      String originHeader) {
    this.window = window;
    this.timestampField = timestampField;
    this.timestampFromField = timestampFromField;
    this.originHeader = originHeader;
  }

  /**
   * The source record, or empty when the record falls outside the window: {@link #convert(
   * TopicPartition, Map, BackupObject, Long, BackupRecord)} for a caller that converts a record now
   * and then.
   */
  public Optional<SourceRecord> convert(
      TopicPartition tp,
      Map<String, Object> sourcePartition,
      BackupObject object,
      BackupRecord record) {
    return Optional.ofNullable(convert(tp, sourcePartition, object, object.startOffset(), record));
  }

  /** The task restarted by itself: the offsets of the records it produces from now on say so. */
  public void restarted(TaskRestarts restarts) {
    this.restarts = restarts;
  }

  /**
   * The source record, or {@code null} when the record falls outside the window. A record whose
   * field is missing or unreadable is kept: dropping it silently could lose data.
   *
   * @param startOffset the object's start offset, boxed once for all its records
   */
  public SourceRecord convert(
      TopicPartition tp,
      Map<String, Object> sourcePartition,
      BackupObject object,
      Long startOffset,
      BackupRecord record) {
    Long timestamp = null;
    if (timestampField.isPresent()) {
      SchemaAndValue value = record.value();
      OptionalLong millis = timestampField.get().millis(value == null ? null : value.value());
      if (millis.isPresent()) {
        if (!window.contains(millis.getAsLong())) {
          return null;
        }
        if (timestampFromField) {
          timestamp = millis.getAsLong();
        }
      }
    }
    Map<String, Object> offset =
        RestorePosition.sourceOffset(
            object.objectKey(), startOffset, record.index(), record.last(), restarts);
    SchemaAndValue key = record.key();
    SchemaAndValue value = record.value();
    Headers headers = record.headers();
    if (originHeader != null) {
      if (headers == null) {
        headers = new ConnectHeaders();
      }
      headers.addString(
          originHeader, OriginHeader.format(startOffset, record.index(), record.last()));
    }
    return new SourceRecord(
        sourcePartition,
        offset,
        tp.topic(),
        tp.partition(),
        key == null ? null : key.schema(),
        key == null ? null : key.value(),
        value == null ? null : value.schema(),
        value == null ? null : value.value(),
        timestamp,
        headers);
  }
}
