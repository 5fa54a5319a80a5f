package io.timeshard.cli.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.timeshard.connect.format.json.KafkaJsonConverter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;

/**
 * The worker's converters, as the restore's configuration and the worker's set them, applied here
 * the way the worker applies them to what a task hands it, where that can be done the same way:
 * ByteArrayConverter, StringConverter and JsonConverter for keys and values, and those or
 * SimpleHeaderConverter for headers. Any other converter (one with a schema registry, say) is not
 * applied, and what it converts is not compared.
 */
public final class Converters {

  public static final String KEY_CONVERTER = "key.converter";
  public static final String VALUE_CONVERTER = "value.converter";
  public static final String HEADER_CONVERTER = "header.converter";

  public static final String BYTE_ARRAY = "org.apache.kafka.connect.converters.ByteArrayConverter";
  public static final String STRING = StringConverter.class.getName();
  public static final String JSON = KafkaJsonConverter.CLASS_NAME;
  public static final String SIMPLE_HEADER = SimpleHeaderConverter.class.getName();

  /** Connect's default header converter. */
  public static final String HEADER_DEFAULT = SIMPLE_HEADER;

  private static final Set<String> DATA = Set.of(BYTE_ARRAY, STRING, JSON);
  private static final Set<String> HEADERS = Set.of(BYTE_ARRAY, STRING, JSON, SIMPLE_HEADER);
  private static final ObjectMapper TREE = new ObjectMapper();

  /** Converts a key or a value as the worker does, to what is compared. */
  @FunctionalInterface
  public interface DataConversion {
    Object convert(String topic, Schema schema, Object value);
  }

  /** Converts a header value as the worker does, to its bytes. */
  @FunctionalInterface
  public interface HeaderConversion {
    byte[] convert(String topic, String key, Schema schema, Object value);
  }

  /**
   * @param className the converter, as configured
   * @param conversion empty when the converter cannot be applied here the same way
   * @param comparable the form restored bytes are compared in, for a converter that is applied
   */
  public record Data(
      String className,
      Optional<DataConversion> conversion,
      java.util.function.Function<byte[], Object> comparable) {}

  public record Header(String className, Optional<HeaderConversion> conversion) {}

  private Converters() {}

  /**
   * @param settings the worker's converter settings overlaid with the connector's, as the worker
   *     merges them
   */
  public static Data data(Map<String, String> settings, boolean isKey) {
    String prefix = isKey ? KEY_CONVERTER : VALUE_CONVERTER;
    String className = settings.getOrDefault(prefix, JSON).trim();
    if (!DATA.contains(className)) {
      return new Data(className, Optional.empty(), bytes -> bytes);
    }
    Map<String, String> sub = subConfig(settings, prefix);
    if (className.equals(BYTE_ARRAY)) {
      return new Data(
          className,
          Optional.of((topic, schema, value) -> wrap(rawBytes(value))),
          Converters::wrap);
    }
    Converter converter =
        className.equals(STRING) ? new StringConverter() : KafkaJsonConverter.newConverter();
    converter.configure(sub, isKey);
    java.util.function.Function<byte[], Object> comparable =
        className.equals(JSON) ? Converters::jsonTree : Converters::wrap;
    return new Data(
        className,
        Optional.of(
            (topic, schema, value) ->
                comparable.apply(converter.fromConnectData(topic, schema, value))),
        comparable);
  }

  public static Header header(Map<String, String> settings) {
    String className = settings.getOrDefault(HEADER_CONVERTER, HEADER_DEFAULT).trim();
    if (!HEADERS.contains(className)) {
      return new Header(className, Optional.empty());
    }
    if (className.equals(BYTE_ARRAY)) {
      return new Header(className, Optional.of((topic, key, schema, value) -> rawBytes(value)));
    }
    HeaderConverter converter;
    if (className.equals(STRING)) {
      converter = new StringConverter();
    } else if (className.equals(JSON)) {
      converter = KafkaJsonConverter.newHeaderConverter();
    } else {
      converter = new SimpleHeaderConverter();
    }
    converter.configure(subConfig(settings, HEADER_CONVERTER));
    return new Header(className, Optional.of(converter::fromConnectHeader));
  }

  private static Map<String, String> subConfig(Map<String, String> settings, String prefix) {
    Map<String, String> sub = new HashMap<>();
    settings.forEach(
        (key, value) -> {
          if (key.startsWith(prefix + ".")) {
            sub.put(key.substring(prefix.length() + 1), value);
          }
        });
    return sub;
  }

  /** What ByteArrayConverter writes: the bytes themselves. */
  private static byte[] rawBytes(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return bytes;
    }
    throw new DataException(
        "ByteArrayConverter is not compatible with objects of type " + value.getClass());
  }

  private static Object wrap(byte[] bytes) {
    return bytes == null ? null : ByteBuffer.wrap(bytes);
  }

  /** JSON compared as a tree: the same document whatever the order of an object's fields. */
  private static Object jsonTree(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return TREE.readTree(bytes);
    } catch (IOException e) {
      // Not JSON: compared as bytes, so a difference still shows.
      return ByteBuffer.wrap(bytes);
    }
  }
}
