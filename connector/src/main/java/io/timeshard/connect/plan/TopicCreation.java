package io.timeshard.connect.plan;

import java.util.Map;
import java.util.Optional;

/**
 * How the destination check creates a missing destination topic.
 *
 * @param replicationFactor the replication factor; empty for the broker's default
 * @param configs topic configs; those not given take the broker's defaults
 */
public record TopicCreation(Optional<Short> replicationFactor, Map<String, String> configs) {

  public TopicCreation {
    configs = Map.copyOf(configs);
  }

  /**
   * The {@code kafka-topics.sh} command that creates {@code topic} as the connector would, for
   * teams that create topics with their own tooling.
   */
  public String kafkaTopicsCommand(String bootstrapServers, String topic, int partitions) {
    StringBuilder line =
        new StringBuilder("kafka-topics.sh --bootstrap-server ")
            .append(bootstrapServers)
            .append(" --create --topic ")
            .append(topic)
            .append(" --partitions ")
            .append(partitions);
    replicationFactor.ifPresent(rf -> line.append(" --replication-factor ").append(rf));
    configs.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            c -> line.append(" --config ").append(c.getKey()).append('=').append(c.getValue()));
    return line.toString();
  }
}
