package io.timeshard.cli.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.groups.GroupOffsetsSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroupPositionsTest {

  private static GroupOffsetsSnapshot at(String group, int partition, long offset, long time) {
    return new GroupOffsetsSnapshot(group, "orders", partition, offset, null, time);
  }

  private final GroupPositions positions =
      new GroupPositions(
          List.of(
              at("b", 0, 10, 1_000),
              at("a", 1, 5, 1_000),
              at("a", 1, 7, 2_000),
              at("a", 0, 3, 2_000),
              at("a", 1, 9, 3_000)),
          "test");

  @Test
  void takesTheLatestSnapshotOfEachGroupTopicAndPartition() {
    assertThat(positions.latest(Optional.empty()))
        .containsExactly(at("a", 0, 3, 2_000), at("a", 1, 9, 3_000), at("b", 0, 10, 1_000));
  }

  @Test
  void takesNothingAfterTheTimeAsked() {
    assertThat(positions.latest(Optional.of(Instant.ofEpochMilli(2_000))))
        .containsExactly(at("a", 0, 3, 2_000), at("a", 1, 7, 2_000), at("b", 0, 10, 1_000));
    assertThat(positions.latest(Optional.of(Instant.ofEpochMilli(1_999))))
        .containsExactly(at("a", 1, 5, 1_000), at("b", 0, 10, 1_000));
  }
}
