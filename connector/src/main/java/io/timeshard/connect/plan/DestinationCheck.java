package io.timeshard.connect.plan;

import io.timeshard.connect.RestoreSourceConfig;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.RestorePlan;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before anything is produced: does every destination topic exist with at least as many partitions
 * as the backup holds? Records go back to their partition number, so a topic with fewer partitions
 * would block the producer and then fail one partition at a time. With {@link TopicCreation}, a
 * missing topic is created first with the partitions the backup shows.
 */
public final class DestinationCheck {

  private static final Logger log = LoggerFactory.getLogger(DestinationCheck.class);

  private final Map<String, Object> adminConfig;
  private final Integer creationPartitions;
  private final TopicRenames renames;
  private RecordTimestampCheck recordTimestamps;
  private TopicCreation creation;

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
    config.topicCreation().ifPresent(check::withTopicCreation);
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

  /** Also creates each missing destination topic with the partitions the backup shows. */
  public DestinationCheck withTopicCreation(TopicCreation creation) {
    this.creation = creation;
    return this;
  }

  /**
   * The destination topics of a plan, after the renames, each with the partitions it needs: one
   * more than the highest partition number the plan holds of it.
   */
  public static Map<String, Integer> neededPartitions(RestorePlan plan, TopicRenames renames) {
    Map<String, Integer> needed = new TreeMap<>();
    for (PartitionStream stream : plan.streams()) {
      needed.merge(
          renames.apply(stream.topicPartition().topic()),
          stream.topicPartition().partition() + 1,
          Math::max);
    }
    return needed;
  }

  /**
   * The destination topics of a plan that do not exist, each with the partitions it would be
   * created with.
   */
  public Map<String, Integer> missingTopics(RestorePlan plan) {
    Map<String, Integer> missing = new TreeMap<>();
    Map<String, Integer> needed = neededPartitions(plan, renames);
    if (needed.isEmpty()) {
      return missing;
    }
    try (Admin admin = Admin.create(adminConfig)) {
      for (Map.Entry<String, Integer> topic : needed.entrySet()) {
        if (partitionCount(admin, topic.getKey()) == null) {
          missing.put(topic.getKey(), topic.getValue());
        }
      }
    }
    return missing;
  }

  /**
   * @throws ConnectException naming the topic and both partition counts
   */
  public void check(RestorePlan plan) {
    Map<String, Integer> needed = neededPartitions(plan, renames);
    if (needed.isEmpty()) {
      return;
    }
    try (Admin admin = Admin.create(adminConfig)) {
      for (Map.Entry<String, Integer> topic : needed.entrySet()) {
        Integer partitions = partitionCount(admin, topic.getKey());
        String name = topic.getKey();
        int backup = topic.getValue();
        if (partitions == null && creation != null) {
          partitions = create(admin, name, backup);
        }
        if (partitions == null && creationPartitions == null) {
          throw new ConnectException(
              String.format(
                  "Destination topic '%s' does not exist and the connector does not create it;"
                      + " the backup holds %d partitions of it. Create it with at least %d"
                      + " partitions, set target.topic.create=true, or set"
                      + " topic.creation.default.partitions and"
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

  /**
   * Creates a topic, or finds the one someone else created meanwhile; never changes an existing
   * topic.
   *
   * @return the topic's partition count
   */
  private int create(Admin admin, String topic, int partitions) {
    NewTopic newTopic =
        new NewTopic(topic, Optional.of(partitions), creation.replicationFactor())
            .configs(creation.configs());
    try {
      admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
      log.info(
          "Created destination topic '{}' with {} partitions, replication factor {}, configs {}",
          topic,
          partitions,
          creation.replicationFactor().map(String::valueOf).orElse("of the broker"),
          creation.configs());
      log.warn(
          "Destination topic '{}' got {} partitions: one more than the highest partition number"
              + " of the backup's records. If the lost topic had more partitions whose records"
              + " never reached the backup (or the restore window), add them before producers"
              + " write to it: kafka-topics.sh --alter --topic {} --partitions <count>",
          topic,
          partitions,
          topic);
      return partitions;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        Integer existing = partitionCount(admin, topic);
        if (existing != null) {
          return existing;
        }
      }
      throw new ConnectException(
          "Cannot create destination topic '"
              + topic
              + "' with "
              + partitions
              + " partitions (target.topic.create): "
              + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new ConnectException("Timed out creating destination topic '" + topic + "'", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted creating destination topic '" + topic + "'", e);
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
