package io.timeshard.connect.plan;

import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.time.TimeInterval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code restore.record.timestamp=field}, records keep their original times, which may be
 * older than the destination topic keeps or accepts: the broker deletes records older than the
 * topic's {@code retention.ms} soon after the restore, and refuses those older than its {@code
 * message.timestamp.before.max.ms}. This check reads the destination topics' configuration before
 * anything is produced and warns, naming the topic, the setting and what to set; it never stops a
 * restore, since the records' exact times are known only when they are read.
 *
 * <p>The oldest time a restore may produce is the window's start, or, without one, the start of the
 * earliest time folder of the plan; for layouts without time folders and no window it is unknown
 * and nothing is checked.
 */
public final class RecordTimestampCheck {

  private static final Logger log = LoggerFactory.getLogger(RecordTimestampCheck.class);

  static final String RETENTION_MS = "retention.ms";
  static final String CLEANUP_POLICY = "cleanup.policy";
  static final String TIMESTAMP_TYPE = "message.timestamp.type";
  static final String BEFORE_MAX_MS = "message.timestamp.before.max.ms";
  static final String DIFFERENCE_MAX_MS = "message.timestamp.difference.max.ms";

  private final TimeInterval window;
  private final Clock clock;

  /**
   * @param window the restore window ({@link TimeInterval#ALL} without one)
   */
  public RecordTimestampCheck(TimeInterval window, Clock clock) {
    this.window = window;
    this.clock = clock;
  }

  /** The oldest record time the restore may produce, when known. */
  Optional<Instant> oldest(RestorePlan plan) {
    if (window.startMillis() != Long.MIN_VALUE) {
      return Optional.of(Instant.ofEpochMilli(window.startMillis()));
    }
    long earliest = Long.MAX_VALUE;
    for (PartitionStream stream : plan.streams()) {
      for (BackupObject object : stream.objects()) {
        if (object.bucket().isEmpty()) {
          return Optional.empty(); // an object without time: its records may be of any age
        }
        earliest = Math.min(earliest, object.bucket().get().startMillis());
      }
    }
    return earliest == Long.MAX_VALUE || earliest == Long.MIN_VALUE
        ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli(earliest));
  }

  /**
   * Reads the topics' effective configuration and logs one warning per problem.
   *
   * @return the warnings, as logged
   */
  public List<String> check(Admin admin, Set<String> topics, RestorePlan plan) {
    Optional<Instant> oldest = oldest(plan);
    if (oldest.isEmpty() || topics.isEmpty()) {
      return List.of();
    }
    Map<ConfigResource, Config> configs;
    try {
      configs =
          admin
              .describeConfigs(
                  topics.stream()
                      .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                      .collect(Collectors.toList()))
              .all()
              .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.warn(
          "Cannot read the configuration of {} to compare its retention with the restored records'"
              + " times: {}",
          topics,
          e instanceof ExecutionException ? e.getCause() : e);
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
    List<String> warnings = new ArrayList<>();
    Instant now = clock.instant();
    for (Map.Entry<ConfigResource, Config> topic : configs.entrySet()) {
      for (String warning : warnings(topic.getKey().name(), topic.getValue(), oldest.get(), now)) {
        log.warn(warning);
        warnings.add(warning);
      }
    }
    return warnings;
  }

  /** The warnings for one topic, from its effective configuration. */
  static List<String> warnings(String topic, Config config, Instant oldest, Instant now) {
    List<String> warnings = new ArrayList<>();
    Duration age = Duration.between(oldest, now);
    if (age.isNegative() || age.isZero()) {
      return warnings;
    }
    String since =
        "restore.record.timestamp=field restores records of '"
            + topic
            + "' with their original times, from "
            + oldest
            + " ("
            + describe(age)
            + " ago)";
    if ("LogAppendTime".equals(value(config, TIMESTAMP_TYPE))) {
      warnings.add(
          since
              + ", but the topic's message.timestamp.type is LogAppendTime: the broker replaces"
              + " them with the time of the restore. Set message.timestamp.type=CreateTime on the"
              + " topic to keep them.");
      return warnings;
    }
    long retention = longValue(config, RETENTION_MS, -1);
    String policy = value(config, CLEANUP_POLICY);
    boolean deletes = policy == null || policy.contains("delete");
    if (deletes && retention >= 0 && age.toMillis() > retention) {
      warnings.add(
          since
              + ", but its retention.ms is "
              + retention
              + " ("
              + describe(Duration.ofMillis(retention))
              + "): the broker deletes those records soon after the restore. Before restoring,"
              + " set retention.ms on the topic above "
              + age.toMillis()
              + " (or to -1), and back after the data has been used, or restore with"
              + " restore.record.timestamp=none.");
    }
    String key = value(config, BEFORE_MAX_MS) != null ? BEFORE_MAX_MS : DIFFERENCE_MAX_MS;
    long beforeMax = longValue(config, key, Long.MAX_VALUE);
    if (beforeMax < Long.MAX_VALUE && age.toMillis() > beforeMax) {
      warnings.add(
          since
              + ", but its "
              + key
              + " is "
              + beforeMax
              + " ("
              + describe(Duration.ofMillis(beforeMax))
              + "): the broker refuses records older than that and the restore fails on them."
              + " Before restoring, set "
              + key
              + " on the topic above "
              + age.toMillis()
              + " (the broker's default is log."
              + key.substring("message.".length())
              + "), or restore with restore.record.timestamp=none.");
    }
    return warnings;
  }

  private static String value(Config config, String name) {
    ConfigEntry entry = config.get(name);
    return entry == null ? null : entry.value();
  }

  private static long longValue(Config config, String name, long otherwise) {
    String value = value(config, name);
    if (value == null) {
      return otherwise;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private static String describe(Duration duration) {
    long days = duration.toDays();
    if (days >= 2) {
      return days + " days";
    }
    long hours = duration.toHours();
    return hours >= 2 ? hours + " hours" : duration.toMinutes() + " minutes";
  }
}
