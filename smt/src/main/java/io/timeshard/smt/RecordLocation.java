package io.timeshard.smt;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;

/** Where a record comes from, for error messages: topic, partition and offset where known. */
final class RecordLocation {
  private RecordLocation() {}

  static String of(ConnectRecord<?> record) {
    StringBuilder location =
        new StringBuilder("topic '").append(record.topic()).append("', partition ");
    location.append(record.kafkaPartition() == null ? "unknown" : record.kafkaPartition());
    if (record instanceof SinkRecord sinkRecord) {
      location.append(", offset ").append(sinkRecord.kafkaOffset());
    } else if (record instanceof SourceRecord sourceRecord && sourceRecord.sourceOffset() != null) {
      location.append(", source offset ").append(sourceRecord.sourceOffset());
    }
    return location.toString();
  }
}
