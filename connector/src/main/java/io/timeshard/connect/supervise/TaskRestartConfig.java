package io.timeshard.connect.supervise;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The worker properties of {@link TaskRestartExtension}: how often it looks, how often it may
 * restart one task, and where it sends the restart requests. They sit in the worker's configuration
 * beside {@code rest.extension.classes}; the worker passes its whole configuration.
 */
public class TaskRestartConfig extends AbstractConfig {

  public static final String PREFIX = "timeshard.task.restart.";

  public static final String CHECK_INTERVAL_MS_CONFIG = PREFIX + "check.interval.ms";
  public static final long CHECK_INTERVAL_MS_DEFAULT = 10_000;
  private static final String CHECK_INTERVAL_MS_DOC =
      "How often each worker looks at the state of Timeshard's connectors for a task that the"
          + " worker failed outside Timeshard's code. Each look starts at a random moment within"
          + " the interval, so that the workers do not all ask at once.";

  public static final String MAX_PER_HOUR_CONFIG = PREFIX + "max.per.hour";
  public static final int MAX_PER_HOUR_DEFAULT = 6;
  private static final String MAX_PER_HOUR_DOC =
      "The most restarts this worker asks for one task in any hour. A task's restarts are"
          + " spaced by a back-off that doubles from "
          + CHECK_INTERVAL_MS_CONFIG
          + " (10 s, 20 s, 40 s, ... with the default), so that a cause that lasts a few minutes"
          + " can pass. A failure that comes back more often is not passing: the task is then left"
          + " FAILED, with a WARN in the log.";

  public static final String REST_URL_CONFIG = PREFIX + "rest.url";
  private static final String REST_URL_DOC =
      "The Kafka Connect REST URL the restart requests go to, for example"
          + " https://connect.internal:8443. Empty (the default) sends them to this worker, then to"
          + " the workers that run the connector and its tasks, at the addresses in their status"
          + " (advertised host and port), with the scheme of this worker's first listener. The"
          + " workers' extensions also ask each other for their tokens at those addresses, to"
          + " tell which worker failed a task.";

  /** Connect's worker property naming the REST listeners; the first gives the scheme. */
  static final String LISTENERS_CONFIG = "listeners";

  private static final String GROUP = "Task restarts (worker)";

  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(
              CHECK_INTERVAL_MS_CONFIG,
              Type.LONG,
              CHECK_INTERVAL_MS_DEFAULT,
              Range.atLeast(100),
              Importance.MEDIUM,
              CHECK_INTERVAL_MS_DOC,
              GROUP,
              1,
              Width.SHORT,
              "Check interval (ms)")
          .define(
              MAX_PER_HOUR_CONFIG,
              Type.INT,
              MAX_PER_HOUR_DEFAULT,
              Range.atLeast(0),
              Importance.MEDIUM,
              MAX_PER_HOUR_DOC,
              GROUP,
              2,
              Width.SHORT,
              "Restarts of a task an hour")
          .define(
              REST_URL_CONFIG,
              Type.STRING,
              "",
              Importance.LOW,
              REST_URL_DOC,
              GROUP,
              3,
              Width.LONG,
              "REST URL");

  public TaskRestartConfig(Map<?, ?> workerProps) {
    super(CONFIG_DEF, workerProps, false);
    restUrl().ifPresent(TaskRestartConfig::checkUrl);
  }

  public Duration checkInterval() {
    return Duration.ofMillis(getLong(CHECK_INTERVAL_MS_CONFIG));
  }

  public int maxPerHour() {
    return getInt(MAX_PER_HOUR_CONFIG);
  }

  /** The configured REST URL, without a trailing slash. */
  public Optional<String> restUrl() {
    String url = getString(REST_URL_CONFIG).trim();
    return url.isEmpty() ? Optional.empty() : Optional.of(url.replaceAll("/+$", ""));
  }

  /** {@code http} or {@code https}: the scheme of the worker's first REST listener. */
  public String scheme() {
    Object listeners = originals().get(LISTENERS_CONFIG);
    String first = listeners == null ? "" : String.valueOf(listeners).split(",")[0].trim();
    return first.toLowerCase(Locale.ROOT).startsWith("https:") ? "https" : "http";
  }

  private static void checkUrl(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(REST_URL_CONFIG, url, "not a URL such as http://host:8083");
    }
  }
}
