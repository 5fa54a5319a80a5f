package io.timeshard.connect.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.key.ExtensionTable;
import io.timeshard.partitioner.key.KeyParse;
import io.timeshard.partitioner.key.ObjectKeyParser;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LateObjectsTest {

  private static final ObjectKeyParser PARSER =
      new ObjectKeyParser("topics", "/", ExtensionTable.standard());

  private static BackupObject object(long offset) {
    String key = String.format("topics/t/partition=0/t+0+%010d.json", offset);
    return new BackupObject(
        ((KeyParse.Parsed) PARSER.parse(key)).key(),
        1,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static PartitionStream stream(long... offsets) {
    return new PartitionStream(
        new TopicPartition("t", 0),
        Arrays.stream(offsets).mapToObj(LateObjectsTest::object).toList());
  }

  @Test
  void anObjectThatAppearsBeforeTheLastQueuedIsLateOnce() {
    LateObjects late = new LateObjects();
    PartitionStream first = stream(0, 10);
    assertThat(late.find(first, null, o -> false)).isEmpty();
    late.remember(first, object(10));

    PartitionStream second = stream(0, 5, 10, 20);
    List<BackupObject> found = late.find(second, object(10), o -> false);
    late.remember(second, object(20));

    assertThat(found).extracting(BackupObject::startOffset).containsExactly(5L);
    assertThat(late.find(stream(0, 5, 10, 20), object(20), o -> false)).isEmpty();
  }

  @Test
  void anObjectAlreadyRestoredIsNotLate() {
    LateObjects late = new LateObjects();
    late.remember(stream(0, 10), object(10));

    assertThat(late.find(stream(0, 5, 10), object(10), o -> o.startOffset() < 10)).isEmpty();
  }

  @Test
  void aRefreshOfOnlyTheNewObjectsThenAWholeListingFindsNothingLate() {
    LateObjects late = new LateObjects();
    late.remember(stream(0, 10), object(10));
    // A folder listed after its last key: only the new objects.
    PartitionStream newOnly = stream(20, 30);
    assertThat(late.find(newOnly, object(10), o -> false)).isEmpty();
    late.remember(newOnly, object(30));
    // Then the folder listed whole again: every object was seen before.
    PartitionStream whole = stream(0, 10, 20, 30);
    assertThat(late.find(whole, object(30), o -> false)).isEmpty();
    // A late one among them is still found.
    assertThat(late.find(stream(0, 10, 15, 20, 30), object(30), o -> false))
        .extracting(BackupObject::startOffset)
        .containsExactly(15L);
  }
}
