package io.timeshard.connect.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.PartitionerConfig;
import io.timeshard.partitioner.PlanStats;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.key.KeyParse;
import io.timeshard.partitioner.key.ObjectKey;
import io.timeshard.partitioner.time.TimeInterval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records restored with their original times into a topic that deletes or refuses records that old:
 * the check reads the topics' configuration from a real broker and warns before anything is
 * produced.
 */
class RecordTimestampCheckIT {

  private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final long DAY_MS = Duration.ofDays(1).toMillis();
  private static final PlanStats NO_STATS = new PlanStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

  private static EmbeddedKafkaCluster kafka;
  private static Admin admin;

  @BeforeAll
  static void start() {
    Properties broker = new Properties();
    broker.put("log.message.timestamp.before.max.ms", String.valueOf(10 * DAY_MS));
    kafka = new EmbeddedKafkaCluster(1, broker);
    kafka.start();
    kafka.createTopic("short-retention", 1, 1, Map.of("retention.ms", String.valueOf(7 * DAY_MS)));
    kafka.createTopic(
        "kept",
        1,
        1,
        Map.of(
            "retention.ms",
            "-1",
            "message.timestamp.before.max.ms",
            String.valueOf(Long.MAX_VALUE)));
    kafka.createTopic(
        "compacted", 1, 1, Map.of("cleanup.policy", "compact", "retention.ms", "1000"));
    kafka.createTopic("append-time", 1, 1, Map.of("message.timestamp.type", "LogAppendTime"));
    admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
    }
    if (kafka != null) {
      kafka.stop();
    }
  }

  private static ObjectKey key(String topic) {
    return ((KeyParse.Parsed)
            new PartitionerConfig(Map.of())
                .keyParser()
                .parse("topics/" + topic + "/f/" + topic + "+0+0.avro"))
        .key();
  }

  /** One object per topic, in an hourly time folder {@code daysAgo} days back, or in none. */
  private static RestorePlan plan(Set<String> topics, Long daysAgo) {
    List<PartitionStream> streams =
        topics.stream()
            .map(
                topic -> {
                  Optional<TimeInterval> bucket =
                      daysAgo == null
                          ? Optional.empty()
                          : Optional.of(
                              TimeInterval.between(
                                  NOW.minus(Duration.ofDays(daysAgo)),
                                  NOW.minus(Duration.ofDays(daysAgo)).plus(Duration.ofHours(1))));
                  return new PartitionStream(
                      new TopicPartition(topic, 0),
                      List.of(
                          new BackupObject(
                              key(topic), 1, Optional.empty(), Optional.empty(), bucket)));
                })
            .toList();
    return new RestorePlan(streams, NO_STATS);
  }

  @Test
  void recordsOlderThanRetentionOrTheBrokersLimitAreWarnedAboutNamingWhatToSet() {
    RecordTimestampCheck check = new RecordTimestampCheck(TimeInterval.ALL, CLOCK);
    Set<String> topics = Set.of("short-retention");

    List<String> warnings = check.check(admin, topics, plan(topics, 30L));

    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0))
        .contains("'short-retention'", "30 days ago", "retention.ms is 604800000 (7 days)")
        .contains("set retention.ms on the topic above " + Duration.ofDays(30).toMillis());
    assertThat(warnings.get(1))
        .contains("message.timestamp.before.max.ms is 864000000 (10 days)")
        .contains("refuses")
        .contains("log.timestamp.before.max.ms");
  }

  @Test
  void aWindowStartIsTheOldestTimeAndRecentRecordsPass() {
    TimeInterval lastTwoDays = TimeInterval.between(NOW.minus(Duration.ofDays(2)), NOW);
    Set<String> topics = Set.of("short-retention");
    assertThat(new RecordTimestampCheck(lastTwoDays, CLOCK).check(admin, topics, plan(topics, 30L)))
        .isEmpty();
  }

  @Test
  void topicsThatKeepEverythingOrCompactPassAndLogAppendTimeIsNamed() {
    RecordTimestampCheck check = new RecordTimestampCheck(TimeInterval.ALL, CLOCK);
    Set<String> topics = Set.of("kept", "compacted");
    assertThat(check.check(admin, topics, plan(topics, 400L)))
        .as("compaction keeps old records; the broker's limit still applies to the compacted one")
        .singleElement()
        .asString()
        .contains("'compacted'", "message.timestamp.before.max.ms");
    Set<String> appendTime = Set.of("append-time");
    assertThat(check.check(admin, appendTime, plan(appendTime, 1L)))
        .singleElement()
        .asString()
        .contains("LogAppendTime", "message.timestamp.type=CreateTime");
  }

  @Test
  void withoutTimeFoldersOrAWindowNothingIsChecked() {
    RecordTimestampCheck check = new RecordTimestampCheck(TimeInterval.ALL, CLOCK);
    Set<String> topics = Set.of("short-retention");
    RestorePlan timeless = plan(topics, null);
    assertThat(check.oldest(timeless)).isEmpty();
    assertThat(check.check(admin, topics, timeless)).isEmpty();
  }
}
