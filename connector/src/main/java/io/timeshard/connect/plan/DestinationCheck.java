package io.timeshard.connect.plan;

import io.timeshard.connect.RestoreSourceConfig;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.RestorePlan;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Before anything is produced: does every destination topic exist with at least as many partitions
 * as the backup holds? Records go back to their partition number, so a topic with fewer partitions
 * would block the producer and then fail one partition at a time.
 */
public final class DestinationCheck {

  private final Map<String, Object> adminConfig;
  private final Integer creationPartitions;
  private final TopicRenames renames;
  private RecordTimestampCheck recordTimestamps;

  /**
   * @param adminConfig admin client settings of the destination cluster
   * @param creationPartitions {@code topic.creation.default.partitions} when the connector lets
   *     Connect create missing topics, else {@code null}
   * @param renames the connector's topic renames
   */
  public DestinationCheck(
      Map<String, Object> adminConfig, Integer creationPartitions, TopicRenames renames) {
    this.renames = renames;
    this.adminConfig = new HashMap<>(adminConfig);
    this.adminConfig.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
    this.creationPartitions = creationPartitions;
  }

  /**
   * The check a restore configuration asks for: only with {@code target.cluster.bootstrap.servers}
   * set, as Connect gives connectors no Kafka connection of their own.
   */
  public static Optional<DestinationCheck> of(
      RestoreSourceConfig config, Map<String, String> props) {
    if (config.targetBootstrapServers().isEmpty()) {
      return Optional.empty();
    }
    String creation = props.get("topic.creation.default.partitions");
    Integer partitions = creation == null ? null : Integer.valueOf(creation.trim());
    DestinationCheck check =
        new DestinationCheck(config.targetClusterConfig(), partitions, TopicRenames.of(props));
    if (config.timestampFromField()) {
      check.withRecordTimestampCheck(new RecordTimestampCheck(config.window(), Clock.systemUTC()));
    }
    return Optional.of(check);
  }

  /** Also warns when the destination would delete or refuse records of their original times. */
  public DestinationCheck withRecordTimestampCheck(RecordTimestampCheck check) {
    this.recordTimestamps = check;
    return this;
  }

  /**
   * @throws ConnectException naming the topic and both partition counts
   */
  public void check(RestorePlan plan) {
    Map<String, Integer> needed = new TreeMap<>();
    for (PartitionStream stream : plan.streams()) {
      needed.merge(
          renames.apply(stream.topicPartition().topic()),
          stream.topicPartition().partition() + 1,
          Math::max);
    }
    if (needed.isEmpty()) {
      return;
    }
    try (Admin admin = Admin.create(adminConfig)) {
      for (Map.Entry<String, Integer> topic : needed.entrySet()) {
        Integer partitions = partitionCount(admin, topic.getKey());
        String name = topic.getKey();
        int backup = topic.getValue();
        if (partitions == null && creationPartitions == null) {
          throw new ConnectException(
              String.format(
                  "Destination topic '%s' does not exist and the connector does not create it;"
                      + " the backup holds %d partitions of it. Create it with at least %d"
                      + " partitions, or set topic.creation.default.partitions and"
                      + " topic.creation.default.replication.factor.",
                  name, backup, backup));
        }
        int available = partitions != null ? partitions : creationPartitions;
        if (available < backup) {
          throw new ConnectException(
              String.format(
                  "Destination topic '%s' has %d partitions%s but the backup holds %d: records"
                      + " return to their partition number. Add partitions to the topic (at least"
                      + " %d) before restoring.",
                  name,
                  available,
                  partitions == null ? " (topic.creation.default.partitions)" : "",
                  backup,
                  backup));
        }
      }
      if (recordTimestamps != null) {
        recordTimestamps.check(admin, needed.keySet(), plan);
      }
    }
  }

  private static Integer partitionCount(Admin admin, String topic) {
    try {
      Map<String, TopicDescription> described =
          admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS);
      return described.get(topic).partitions().size();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw new ConnectException("Cannot describe destination topic '" + topic + "'", e.getCause());
    } catch (TimeoutException e) {
      throw new ConnectException("Timed out describing destination topic '" + topic + "'", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted describing destination topic '" + topic + "'", e);
    }
  }
}
