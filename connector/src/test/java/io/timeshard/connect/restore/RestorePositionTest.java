package io.timeshard.connect.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class RestorePositionTest {

  /** The source partition as every earlier version made it. */
  private static Map<String, Object> hashMapPartition(TopicPartition tp) {
    Map<String, Object> partition = new HashMap<>();
    partition.put("topic", tp.topic());
    partition.put("partition", tp.partition());
    return partition;
  }

  @Test
  void aSourcePartitionIsStoredUnderTheSameKeyAsBefore() {
    // Connect keys a partition's offsets by the JSON of [connector, partition]: a different order
    // of the entries would lose every committed position.
    JsonConverter json = new JsonConverter();
    json.configure(Map.of("schemas.enable", "false"), true);
    for (TopicPartition tp :
        List.of(new TopicPartition("orders", 0), new TopicPartition("shoe-customers", 17))) {
      Map<String, Object> partition = RestorePosition.sourcePartition(tp);

      assertThat(json.fromConnectData("offsets", null, List.of("restore", partition)))
          .isEqualTo(
              json.fromConnectData("offsets", null, List.of("restore", hashMapPartition(tp))));
      assertThat(partition).isEqualTo(hashMapPartition(tp));
      assertThat(hashMapPartition(tp)).isEqualTo(partition);
      assertThat(partition.hashCode()).isEqualTo(hashMapPartition(tp).hashCode());
      assertThat(RestorePosition.topicPartition(partition)).isEqualTo(tp);
    }
  }

  @Test
  void aSourcePartitionCannotBeChanged() {
    Map<String, Object> partition = RestorePosition.sourcePartition(new TopicPartition("t", 1));

    assertThatThrownBy(() -> partition.put("topic", "other"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aSourceOffsetReadsBackAsThePositionItWasMadeOf() {
    RestorePosition position =
        new RestorePosition("topics/t/partition=0/t+0+0000000010.avro", 10, 3, true);
    Map<String, Object> offset = RestorePosition.sourceOffset(position.objectKey(), 10L, 3, true);
    Map<String, Object> asMap =
        Map.of("object", position.objectKey(), "start", 10L, "record", 3L, "eof", true);

    assertThat(offset).isEqualTo(asMap);
    assertThat(asMap).isEqualTo(offset);
    assertThat(offset.hashCode()).isEqualTo(asMap.hashCode());
    assertThat(offset).containsKey("eof").doesNotContainKey("other").hasSize(4);
    assertThat(RestorePosition.fromSourceOffset(offset)).contains(position);
    assertThat(RestorePosition.fromSourceOffset(position.toSourceOffset())).contains(position);
    assertThatThrownBy(() -> offset.put("record", 4L))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aSourceOffsetSurvivesConnectsJsonForm() {
    // Connect stores offsets as JSON and reads them back as plain maps.
    JsonConverter json = new JsonConverter();
    json.configure(Map.of("schemas.enable", "false"), false);
    Map<String, Object> offset =
        RestorePosition.sourceOffset("a/b+0+0000000007.avro", 7L, 41, false);

    Object read =
        json.toConnectData("offsets", json.fromConnectData("offsets", null, offset)).value();

    assertThat(read).isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) read;
    assertThat(RestorePosition.fromSourceOffset(map))
        .contains(new RestorePosition("a/b+0+0000000007.avro", 7, 41, false));
  }
}
