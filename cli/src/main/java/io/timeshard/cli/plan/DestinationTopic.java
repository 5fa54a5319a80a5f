package io.timeshard.cli.plan;

import io.timeshard.connect.RestoreSourceConfig;
import io.timeshard.connect.plan.DestinationCheck;
import io.timeshard.connect.plan.TopicCreation;
import io.timeshard.connect.plan.TopicRenames;
import io.timeshard.partitioner.RestorePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A topic the restore writes to, after the configuration's renames.
 *
 * @param topic the destination topic
 * @param partitions the partitions the restore needs: one more than the highest partition number
 *     the plan holds of it, and the count the connector creates it with
 * @param partitionsInBackup the same outside the window, or -1 when the backup was not listed
 *     without it
 * @param state {@code unchecked} (the destination was not asked), {@code exists}, {@code create}
 *     (missing, the connector creates it) or {@code missing} (the restore would fail)
 * @param createCommand the {@code kafka-topics.sh} line that creates it as the connector would
 */
public record DestinationTopic(
    String topic, int partitions, int partitionsInBackup, String state, String createCommand) {

  /**
   * The destination topics of a plan.
   *
   * @param everything the backup listed without the window, if it was
   * @param checkDestination ask the destination cluster which topics exist
   */
  static List<DestinationTopic> of(
      RestoreSourceConfig config,
      Map<String, String> props,
      RestorePlan plan,
      Optional<RestorePlan> everything,
      boolean checkDestination) {
    TopicRenames renames = TopicRenames.of(props);
    Map<String, Integer> needed = DestinationCheck.neededPartitions(plan, renames);
    Map<String, Integer> inBackup =
        everything.map(all -> DestinationCheck.neededPartitions(all, renames)).orElse(Map.of());
    Optional<TopicCreation> creation = config.topicCreation();
    Optional<Map<String, Integer>> missing = Optional.empty();
    if (checkDestination && config.targetBootstrapServers().isPresent()) {
      missing =
          Optional.of(
              new DestinationCheck(config.targetClusterConfig(), null, renames)
                  .missingTopics(plan));
    }
    String servers = config.targetBootstrapServers().orElse("<bootstrap servers>");
    TopicCreation asCreated = creation.orElse(new TopicCreation(Optional.empty(), Map.of()));
    List<DestinationTopic> topics = new ArrayList<>();
    for (Map.Entry<String, Integer> topic : needed.entrySet()) {
      String state;
      if (missing.isEmpty()) {
        state = "unchecked";
      } else if (!missing.get().containsKey(topic.getKey())) {
        state = "exists";
      } else {
        state = creation.isPresent() ? "create" : "missing";
      }
      int all = inBackup.getOrDefault(topic.getKey(), -1);
      topics.add(
          new DestinationTopic(
              topic.getKey(),
              topic.getValue(),
              all,
              state,
              asCreated.kafkaTopicsCommand(
                  servers, topic.getKey(), Math.max(topic.getValue(), all))));
    }
    return topics;
  }
}
