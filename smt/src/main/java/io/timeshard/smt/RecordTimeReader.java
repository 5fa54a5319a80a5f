package io.timeshard.smt;

import java.time.Instant;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;

/** Reads the time of a record from a field, the record timestamp or a header. */
abstract class RecordTimeReader {

  /** The record's time, or null when it is null, missing or cannot be read as a time. */
  abstract Instant read(ConnectRecord<?> record);

  /** Why {@link #read} returned null, naming the field or header and the value found. */
  abstract String whyMissing(ConnectRecord<?> record);

  /** The error for a record without a time, when the configuration says to fail. */
  final DataException missingTimeError(ConnectRecord<?> record, String setting) {
    return new DataException(
        "No time in the record at "
            + RecordLocation.of(record)
            + ": "
            + whyMissing(record)
            + " ("
            + setting
            + ")");
  }

  static RecordTimeReader field(FieldPath path, RecordPart part, TimeValueParser values) {
    return new FromField(path, part, values);
  }

  static RecordTimeReader header(String name, TimeValueParser values) {
    return new FromHeader(name, values);
  }

  static RecordTimeReader timestamp() {
    return new FromTimestamp();
  }

  private static final class FromField extends RecordTimeReader {
    private final FieldPath path;
    private final RecordPart part;
    private final TimeValueParser values;

    FromField(FieldPath path, RecordPart part, TimeValueParser values) {
      this.path = path;
      this.part = part;
      this.values = values;
    }

    @Override
    Instant read(ConnectRecord<?> record) {
      Object value = path.valueIn(part.of(record));
      return value == null ? null : values.parse(value);
    }

    @Override
    String whyMissing(ConnectRecord<?> record) {
      Object root = part.of(record);
      String absent = path.whyAbsent(root, part);
      return absent != null
          ? absent
          : "field '" + path + "' " + values.whyUnusable(path.valueIn(root));
    }
  }

  private static final class FromHeader extends RecordTimeReader {
    private final String name;
    private final TimeValueParser values;

    FromHeader(String name, TimeValueParser values) {
      this.name = name;
      this.values = values;
    }

    @Override
    Instant read(ConnectRecord<?> record) {
      Header header = record.headers().lastWithName(name);
      return header == null || header.value() == null ? null : values.parse(header.value());
    }

    @Override
    String whyMissing(ConnectRecord<?> record) {
      Header header = record.headers().lastWithName(name);
      if (header == null) {
        return "header '" + name + "' is missing";
      } else if (header.value() == null) {
        return "header '" + name + "' is null";
      }
      return "header '" + name + "' " + values.whyUnusable(header.value());
    }
  }

  private static final class FromTimestamp extends RecordTimeReader {
    @Override
    Instant read(ConnectRecord<?> record) {
      Long timestamp = record.timestamp();
      return timestamp == null ? null : Instant.ofEpochMilli(timestamp);
    }

    @Override
    String whyMissing(ConnectRecord<?> record) {
      return "the record has no timestamp";
    }
  }
}
