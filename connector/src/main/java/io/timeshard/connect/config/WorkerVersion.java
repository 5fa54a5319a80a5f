package io.timeshard.connect.config;

import java.util.OptionalInt;
import java.util.function.Supplier;
import org.apache.kafka.connect.storage.StringConverter;

/**
 * The Kafka version of the worker the plugin runs in, learnt through public API only: the version
 * that the worker's own {@link StringConverter} (in {@code connect-api}, which a plugin never
 * packages) reports as a {@link org.apache.kafka.connect.components.Versioned} plugin. A worker
 * that does not tell, or tells something that is not a version, is "version unknown": the checks
 * that need the version then warn instead of refusing, and nothing fails for want of it.
 */
public record WorkerVersion(String text) {

  /** What the plugin says when it could not learn the worker's version. */
  public static final WorkerVersion UNKNOWN = new WorkerVersion(null);

  /** The version of the worker this class was loaded in; {@link #UNKNOWN} if it cannot be had. */
  public static WorkerVersion current() {
    return of(() -> new StringConverter().version());
  }

  /**
   * The version {@code source} gives. Any failure to give one, a missing class or method of an
   * older or newer worker included, is "version unknown", never an error.
   */
  static WorkerVersion of(Supplier<String> source) {
    try {
      String text = source.get();
      return text == null || text.isBlank() ? UNKNOWN : new WorkerVersion(text.trim());
    } catch (RuntimeException | LinkageError e) {
      return UNKNOWN;
    }
  }

  /** The major version ({@code 4} of {@code 4.4.0}), or empty when unknown or unreadable. */
  public OptionalInt major() {
    if (text == null) {
      return OptionalInt.empty();
    }
    int dot = text.indexOf('.');
    try {
      return OptionalInt.of(Integer.parseInt(dot < 0 ? text : text.substring(0, dot)));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  @Override
  public String toString() {
    return text == null ? "unknown" : text;
  }
}
