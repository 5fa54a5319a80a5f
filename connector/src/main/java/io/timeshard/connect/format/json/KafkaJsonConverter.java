package io.timeshard.connect.format.json;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;

/**
 * Kafka's JSON converter, made the way a worker makes a converter: by the class name users write in
 * {@code value.converter}, and used through the public {@link Converter} and {@link
 * HeaderConverter} interfaces only. Its class ({@code connect-json}) is not part of Kafka's public
 * Java API and is not packaged with the plugin: the worker's own copy is used, so the plugin never
 * calls into a class whose shape may change between Kafka releases.
 */
public final class KafkaJsonConverter {

  /** The class name Kafka documents for its JSON converter. */
  public static final String CLASS_NAME = "org.apache.kafka.connect.json.JsonConverter";

  /** The converter key that says whether each value is a {@code {schema, payload}} envelope. */
  public static final String SCHEMAS_ENABLE_CONFIG = "schemas.enable";

  private KafkaJsonConverter() {}

  /** A new, unconfigured JSON converter. */
  public static Converter newConverter() {
    return instance(Converter.class);
  }

  /** A new, unconfigured JSON converter, as a header converter. */
  public static HeaderConverter newHeaderConverter() {
    return instance(HeaderConverter.class);
  }

  private static <T> T instance(Class<T> type) {
    try {
      return Class.forName(CLASS_NAME, true, KafkaJsonConverter.class.getClassLoader())
          .asSubclass(type)
          .getDeclaredConstructor()
          .newInstance();
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      throw new ConnectException(
          "The JSON format needs Kafka's "
              + CLASS_NAME
              + " on the worker's class path (libs/connect-json-*.jar of a Kafka installation),"
              + " and it could not be made: "
              + e,
          e);
    }
  }
}
