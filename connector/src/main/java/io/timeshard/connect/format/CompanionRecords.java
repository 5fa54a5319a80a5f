package io.timeshard.connect.format;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;

/**
 * Turns the records of companion objects back into what the sink took them from. With {@code
 * store.kafka.keys} and {@code store.kafka.headers} the sinks write, beside each value object and
 * record for record:
 *
 * <ul>
 *   <li>{@code .keys}: the record key as it was, or wrapped in a {@code RecordKey{key}} struct;
 *   <li>{@code .headers}: an array of {@code {key: string, value: string}} structs, the values
 *       converted to strings, or that array wrapped in a {@code RecordHeaders{headers}} struct (as
 *       JSON headers are).
 * </ul>
 *
 * Records read from schemaless formats (JSON) come as maps and lists and are read the same way.
 */
public final class CompanionRecords {

  static final String KEY_ENVELOPE = "RecordKey";
  static final String KEY_FIELD = "key";
  static final String HEADERS_ENVELOPE = "RecordHeaders";
  static final String HEADERS_FIELD = "headers";
  static final String HEADER_KEY_FIELD = "key";
  static final String HEADER_VALUE_FIELD = "value";

  private CompanionRecords() {}

  /**
   * The key a {@code .keys} record holds. A {@code RecordKey} struct with a single {@code key}
   * field is unwrapped; anything else is the key itself.
   */
  public static SchemaAndValue key(SchemaAndValue record) {
    Schema schema = record.schema();
    if (schema != null
        && schema.type() == Schema.Type.STRUCT
        && KEY_ENVELOPE.equals(schema.name())
        && schema.fields().size() == 1
        && schema.field(KEY_FIELD) != null
        && record.value() instanceof Struct envelope) {
      Field field = schema.field(KEY_FIELD);
      return new SchemaAndValue(field.schema(), envelope.get(field));
    }
    return record;
  }

  /**
   * The headers a {@code .headers} record holds, with string values, in their original order.
   *
   * @throws DataException when the record is not a headers record
   */
  public static Headers headers(SchemaAndValue record) {
    Object value = record.value();
    if (value instanceof Struct envelope && envelope.schema().field(HEADERS_FIELD) != null) {
      value = envelope.get(HEADERS_FIELD);
    } else if (value instanceof Map<?, ?> map
        && map.size() == 1
        && map.get(HEADERS_FIELD) instanceof Collection<?>) {
      value = map.get(HEADERS_FIELD);
    }
    if (!(value instanceof Collection<?> entries)) {
      throw new DataException(
          "not a headers record: expected an array of {key, value}, found " + describe(value));
    }
    ConnectHeaders headers = new ConnectHeaders();
    for (Object entry : entries) {
      String key;
      Object headerValue;
      if (entry instanceof Struct struct) {
        key = (String) struct.get(HEADER_KEY_FIELD);
        headerValue = struct.get(HEADER_VALUE_FIELD);
      } else if (entry instanceof Map<?, ?> map) {
        key = (String) map.get(HEADER_KEY_FIELD);
        headerValue = map.get(HEADER_VALUE_FIELD);
      } else {
        throw new DataException("not a header: expected {key, value}, found " + describe(entry));
      }
      if (key == null) {
        throw new DataException("a header without a key in a headers record");
      }
      if (headerValue == null) {
        headers.add(key, null, Schema.OPTIONAL_STRING_SCHEMA);
      } else {
        headers.addString(key, headerValue.toString());
      }
    }
    return headers;
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    return value.getClass().getSimpleName();
  }
}
