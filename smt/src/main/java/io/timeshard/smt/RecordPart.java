package io.timeshard.smt;

import org.apache.kafka.connect.connector.ConnectRecord;

/** The part of a record that a field is read from: the {@code $Key} or {@code $Value} variant. */
enum RecordPart {
  KEY,
  VALUE;

  Object of(ConnectRecord<?> record) {
    return this == KEY ? record.key() : record.value();
  }

  @Override
  public String toString() {
    return this == KEY ? "key" : "value";
  }
}
