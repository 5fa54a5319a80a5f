package io.timeshard.partitioner.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class AssignmentCodecTest {

  @Test
  void writesTopicsOnceAndPartitionsAsRanges() {
    List<TopicPartition> partitions =
        List.of(
            new TopicPartition("orders", 3),
            new TopicPartition("orders", 0),
            new TopicPartition("orders", 1),
            new TopicPartition("orders", 2),
            new TopicPartition("orders", 7),
            new TopicPartition("orders", 10),
            new TopicPartition("my.shop_v2-eu", 1));

    String encoded = AssignmentCodec.encode(partitions);

    assertThat(encoded).isEqualTo("my.shop_v2-eu:1;orders:0-3,7,10");
    assertThat(AssignmentCodec.decode(encoded)).containsExactlyInAnyOrderElementsOf(partitions);
  }

  @Test
  void aThousandPartitionsStayFarBelowAMegabyte() {
    List<TopicPartition> oneTopic = new ArrayList<>();
    List<TopicPartition> manyTopics = new ArrayList<>();
    for (int p = 0; p < 1000; p++) {
      // Every other partition, so that ranges do not help.
      oneTopic.add(new TopicPartition("customers.eu-west_1.v2", p * 2));
      manyTopics.add(new TopicPartition("team-" + p + ".customers.eu-west_1.v2", p));
    }

    String sparse = AssignmentCodec.encode(oneTopic);
    String topics = AssignmentCodec.encode(manyTopics);

    assertThat(sparse.getBytes(StandardCharsets.UTF_8).length).isLessThan(6_000);
    assertThat(topics.getBytes(StandardCharsets.UTF_8).length).isLessThan(40_000);
    assertThat(AssignmentCodec.decode(sparse)).containsExactlyElementsOf(oneTopic);
    assertThat(AssignmentCodec.decode(topics)).containsExactlyInAnyOrderElementsOf(manyTopics);
  }

  @Test
  void readsAnEmptyAssignment() {
    assertThat(AssignmentCodec.encode(List.of())).isEmpty();
    assertThat(AssignmentCodec.decode("")).isEmpty();
  }

  @Test
  void namesThePartThatDoesNotParse() {
    assertThatThrownBy(() -> AssignmentCodec.decode("orders:0-x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("orders:0-x");
    assertThatThrownBy(() -> AssignmentCodec.decode("orders"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("orders");
    assertThatThrownBy(() -> AssignmentCodec.decode("orders:5-2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5-2");
  }
}
