package io.timeshard.connect.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeshard.connect.RestoreSourceConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class TopicCreationTest {

  private static Map<String, String> config() {
    Map<String, String> config = new HashMap<>();
    config.put("store.url", "file:///backup");
    config.put("format.class", "io.confluent.connect.s3.format.avro.AvroFormat");
    return config;
  }

  @Test
  void readsReplicationAndTopicConfigsFromTheirKeys() {
    Map<String, String> props = config();
    props.put("target.cluster.bootstrap.servers", "kafka:9092");
    props.put("target.topic.create", "true");
    props.put("target.topic.replication.factor", "3");
    props.put("target.topic.config.cleanup.policy", "compact");
    props.put("target.topic.config.min.insync.replicas", "2");

    TopicCreation creation = new RestoreSourceConfig(props).topicCreation().orElseThrow();

    assertThat(creation.replicationFactor()).contains((short) 3);
    assertThat(creation.kafkaTopicsCommand("kafka:9092", "restored.orders", 12))
        .isEqualTo(
            "kafka-topics.sh --bootstrap-server kafka:9092 --create --topic restored.orders"
                + " --partitions 12 --replication-factor 3 --config cleanup.policy=compact"
                + " --config min.insync.replicas=2");
  }

  @Test
  void leavesReplicationAndConfigsToTheBroker() {
    Map<String, String> props = config();
    props.put("target.cluster.bootstrap.servers", "kafka:9092");
    props.put("target.topic.create", "true");

    TopicCreation creation = new RestoreSourceConfig(props).topicCreation().orElseThrow();

    assertThat(creation).isEqualTo(new TopicCreation(Optional.empty(), Map.of()));
    assertThat(creation.kafkaTopicsCommand("kafka:9092", "t", 1))
        .isEqualTo(
            "kafka-topics.sh --bootstrap-server kafka:9092 --create --topic t --partitions 1");
  }

  @Test
  void isOffByDefault() {
    assertThat(new RestoreSourceConfig(config()).topicCreation()).isEmpty();
  }

  @Test
  void needsTheDestinationCluster() {
    Map<String, String> props = config();
    props.put("target.topic.create", "true");

    assertThatThrownBy(() -> new RestoreSourceConfig(props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("target.topic.create")
        .hasMessageContaining("target.cluster.bootstrap.servers");
  }
}
