package io.timeshard.connect.store;

import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * How a store retries a request that failed transiently (a 5xx answer, a reset connection, a
 * request that took longer than {@code requestTimeout}): up to {@code retries} more times, waiting
 * {@code backoff}, then twice as long each time, at most {@code maxBackoff}. Credentials that are
 * refused and objects that do not exist are never retried.
 *
 * <p>Every cloud store has the same four keys under its own prefix ({@code azblob.retry.retries},
 * {@code s3.retry.retries}, ...); {@link #define} adds them to the store's definition.
 */
public record RetryPolicy(
    int retries, Duration backoff, Duration maxBackoff, Duration requestTimeout) {

  public static final String RETRIES_SUFFIX = ".retry.retries";
  public static final String BACKOFF_SUFFIX = ".retry.backoff.ms";
  public static final String MAX_BACKOFF_SUFFIX = ".retry.max.backoff.ms";
  public static final String REQUEST_TIMEOUT_SUFFIX = ".request.timeout.ms";

  public static final int RETRIES_DEFAULT = 5;
  public static final long BACKOFF_DEFAULT_MS = 200;
  public static final long MAX_BACKOFF_DEFAULT_MS = 20_000;
  public static final long REQUEST_TIMEOUT_DEFAULT_MS = 30_000;

  public RetryPolicy {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative: " + retries);
    }
  }

  /** The policy of a store whose configuration sets none of the keys. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        RETRIES_DEFAULT,
        Duration.ofMillis(BACKOFF_DEFAULT_MS),
        Duration.ofMillis(MAX_BACKOFF_DEFAULT_MS),
        Duration.ofMillis(REQUEST_TIMEOUT_DEFAULT_MS));
  }

  /** How long to wait before retry number {@code retry} (from 1): doubling, at most the cap. */
  public Duration backoffBefore(int retry) {
    long millis = backoff.toMillis();
    for (int i = 1; i < retry && millis < maxBackoff.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }

  /** Attempts in all: the first one plus the retries. */
  public int maxAttempts() {
    return retries + 1;
  }

  /**
   * Defines {@code <prefix>.retry.retries}, {@code <prefix>.retry.backoff.ms}, {@code
   * <prefix>.retry.max.backoff.ms} and {@code <prefix>.request.timeout.ms} in {@code group}, from
   * {@code firstOrder} on.
   *
   * @param what names the store in the docs, e.g. "Azure Blob Storage"
   * @return the next free {@code orderInGroup}
   */
  public static int define(
      ConfigDef def, String prefix, String group, int firstOrder, String what) {
    int order = firstOrder;
    def.define(
        prefix + RETRIES_SUFFIX,
        Type.INT,
        RETRIES_DEFAULT,
        Range.atLeast(0),
        Importance.LOW,
        "How many times a request to "
            + what
            + " is retried after a transient failure (a 5xx answer, a reset connection or a"
            + " request that took longer than "
            + prefix
            + REQUEST_TIMEOUT_SUFFIX
            + "). Refused credentials and missing objects are never retried. 0 turns retries off.",
        group,
        order++,
        Width.SHORT,
        "Retries");
    def.define(
        prefix + BACKOFF_SUFFIX,
        Type.LONG,
        BACKOFF_DEFAULT_MS,
        Range.atLeast(1),
        Importance.LOW,
        "How long to wait before the first retry, in milliseconds; each further retry waits"
            + " twice as long, up to "
            + prefix
            + MAX_BACKOFF_SUFFIX
            + ".",
        group,
        order++,
        Width.SHORT,
        "Retry backoff (ms)");
    def.define(
        prefix + MAX_BACKOFF_SUFFIX,
        Type.LONG,
        MAX_BACKOFF_DEFAULT_MS,
        Range.atLeast(1),
        Importance.LOW,
        "The longest wait between two retries, in milliseconds.",
        group,
        order++,
        Width.SHORT,
        "Maximum retry backoff (ms)");
    def.define(
        prefix + REQUEST_TIMEOUT_SUFFIX,
        Type.LONG,
        REQUEST_TIMEOUT_DEFAULT_MS,
        Range.atLeast(1),
        Importance.LOW,
        "How long one request to "
            + what
            + " may wait for an answer, in milliseconds, before it is abandoned and retried."
            + " A hung connection therefore costs at most this long per attempt.",
        group,
        order++,
        Width.SHORT,
        "Request timeout (ms)");
    return order;
  }

  /** Reads the keys {@link #define} added. */
  public static RetryPolicy from(AbstractConfig config, String prefix) {
    long backoff = config.getLong(prefix + BACKOFF_SUFFIX);
    long maxBackoff = Math.max(backoff, config.getLong(prefix + MAX_BACKOFF_SUFFIX));
    return new RetryPolicy(
        config.getInt(prefix + RETRIES_SUFFIX),
        Duration.ofMillis(backoff),
        Duration.ofMillis(maxBackoff),
        Duration.ofMillis(config.getLong(prefix + REQUEST_TIMEOUT_SUFFIX)));
  }
}
