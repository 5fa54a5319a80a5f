package io.timeshard.connect.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class GroupOffsetsSnapshotTest {

  private static final GroupOffsetsSnapshot SNAPSHOT =
      new GroupOffsetsSnapshot("billing", "orders.v2", 11, 4_200L, null, 1_765_000_000_000L);

  @Test
  void readsBackWhatItWritesThroughJsonWithAndWithoutSchemas() {
    for (boolean schemas : new boolean[] {true, false}) {
      JsonConverter converter = new JsonConverter();
      converter.configure(Map.of("schemas.enable", String.valueOf(schemas)), false);
      byte[] bytes =
          converter.fromConnectData(
              "timeshard.group-offsets", GroupOffsetsSnapshot.VALUE_SCHEMA, SNAPSHOT.value());
      SchemaAndValue back = converter.toConnectData("timeshard.group-offsets", bytes);

      assertThat(GroupOffsetsSnapshot.fromValue(back.value()))
          .as("schemas %s", schemas)
          .isEqualTo(SNAPSHOT);
    }
  }

  @Test
  void keyNamesGroupTopicAndPartition() {
    assertThat(SNAPSHOT.key().toString())
        .isEqualTo("Struct{group=billing,topic=orders.v2,partition=11}");
  }

  @Test
  void aValueWithoutTheOffsetIsNamed() {
    assertThatThrownBy(
            () ->
                GroupOffsetsSnapshot.fromValue(
                    Map.of("group", "g", "topic", "t", "partition", 0, "snapshot_time", 1L)))
        .hasMessageContaining("without 'offset'");
  }

  @Test
  void selectsEveryGroupButTheInternalOnesByDefault() {
    GroupOffsetsSourceConfig config =
        new GroupOffsetsSourceConfig(Map.of("source.cluster.bootstrap.servers", "kafka:9092"));

    assertThat(config.selects("billing")).isTrue();
    assertThat(config.selects("connect-backup-sink")).isFalse();
    assertThat(config.selects("console-consumer-4711")).isFalse();
    assertThat(config.selects("__internal")).isFalse();
    assertThat(config.interval().toSeconds()).isEqualTo(60);
    assertThat(config.topic()).isEqualTo("timeshard.group-offsets");
  }

  @Test
  void refusesABadRegexOnItsKey() {
    assertThatThrownBy(
            () ->
                new GroupOffsetsSourceConfig(
                    Map.of("source.cluster.bootstrap.servers", "kafka:9092", "groups", "(")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("groups");
  }
}
