package io.timeshard.connect.restore;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

/**
 * About how much heap a decoded record holds: object headers, references and the contents of
 * strings, bytes, structs, lists and maps. Decoded records take several times the bytes they took
 * in the object (a long of one or two bytes becomes a boxed {@code Long}), and the memory cap must
 * count what is held, not what was read.
 */
public final class RecordSizes {

  /** A {@link BackupRecord} and its {@link SchemaAndValue}s. */
  static final long RECORD_OVERHEAD = 96;

  private static final long OBJECT = 16;
  private static final long REFERENCE = 8;
  private static final long BOXED = 24;

  private RecordSizes() {}

  /** The estimate for a record's key, value and headers. */
  public static long of(SchemaAndValue key, SchemaAndValue value, Headers headers) {
    long size = RECORD_OVERHEAD;
    if (key != null) {
      size += of(key.value());
    }
    if (value != null) {
      size += of(value.value());
    }
    if (headers != null) {
      for (Header header : headers) {
        size += 2 * OBJECT + of(header.key()) + of(header.value());
      }
    }
    return size;
  }

  /** The estimate for one Connect value. */
  public static long of(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof String string) {
      // A String and its array; Latin-1 text takes a byte a character.
      return 2 * OBJECT + 8 + string.length();
    }
    if (value instanceof byte[] bytes) {
      return OBJECT + bytes.length;
    }
    if (value instanceof ByteBuffer buffer) {
      return 3 * OBJECT + buffer.capacity();
    }
    if (value instanceof Struct struct) {
      long size = 2 * OBJECT;
      for (Field field : struct.schema().fields()) {
        // By the field, not its name: no lookup a field of every record. A null field counts
        // its default, a few bytes too many for the estimate.
        size += REFERENCE + of(struct.get(field));
      }
      return size;
    }
    if (value instanceof Collection<?> collection) {
      long size = 3 * OBJECT + REFERENCE * collection.size();
      for (Object element : collection) {
        size += of(element);
      }
      return size;
    }
    if (value instanceof Map<?, ?> map) {
      long size = 4 * OBJECT;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        size += 2 * OBJECT + of(entry.getKey()) + of(entry.getValue());
      }
      return size;
    }
    // Boxed numbers and booleans, dates, decimals.
    return BOXED;
  }
}
