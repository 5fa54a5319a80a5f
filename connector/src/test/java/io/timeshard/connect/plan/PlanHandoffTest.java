package io.timeshard.connect.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.PlanStats;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.key.ExtensionTable;
import io.timeshard.partitioner.key.KeyParse;
import io.timeshard.partitioner.key.ObjectKeyParser;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PlanHandoffTest {

  private static final ObjectKeyParser PARSER =
      new ObjectKeyParser("topics", "/", ExtensionTable.standard());

  private final String start = UUID.randomUUID().toString();

  private static TopicPartition tp(int partition) {
    return new TopicPartition("t", partition);
  }

  private static PartitionStream stream(int partition) {
    String key = String.format("topics/t/partition=%d/t+%d+%010d.json", partition, partition, 0);
    BackupObject object =
        new BackupObject(
            ((KeyParse.Parsed) PARSER.parse(key)).key(),
            1,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    return new PartitionStream(tp(partition), List.of(object));
  }

  private static RestorePlan fourStreams() {
    return new RestorePlan(
        IntStream.range(0, 4).mapToObj(PlanHandoffTest::stream).toList(),
        new PlanStats(3, 0, 4, 4, 0, 0, 0, 0, 0));
  }

  @Test
  void aTaskTakesTheOfferedStreamsOfItsPartitionsOnceAndSendsNoListCall() {
    RestorePlan plan = fourStreams();
    PlanHandoff.offer(start, plan);

    RestorePlan taken = PlanHandoff.take(start, List.of(tp(2), tp(0))).orElseThrow();

    assertThat(taken.streams()).containsExactly(plan.streams().get(0), plan.streams().get(2));
    assertThat(taken.streams().get(0)).isSameAs(plan.streams().get(0));
    assertThat(taken.stats().listCalls()).isZero();
    assertThat(taken.stats().valueObjects()).isEqualTo(2);
    // Taken once: the same task restarted plans for itself.
    assertThat(PlanHandoff.take(start, List.of(tp(0)))).isEmpty();
    assertThat(PlanHandoff.isOffered(start)).isTrue();

    assertThat(PlanHandoff.take(start, List.of(tp(1), tp(3)))).isPresent();
    assertThat(PlanHandoff.isOffered(start)).isFalse();
  }

  @Test
  void aTaskWithAStreamTheOfferLacksTakesNothing() {
    PlanHandoff.offer(start, fourStreams());

    assertThat(PlanHandoff.take(start, List.of(tp(0), tp(4)))).isEmpty();

    // Nothing was taken by the refusal.
    assertThat(PlanHandoff.take(start, List.of(tp(0)))).isPresent();
  }

  @Test
  void anotherStartsTasksAndTasksAfterTheConnectorStoppedTakeNothing() {
    PlanHandoff.offer(start, fourStreams());

    assertThat(PlanHandoff.take(UUID.randomUUID().toString(), List.of(tp(0)))).isEmpty();
    assertThat(PlanHandoff.take("", List.of(tp(0)))).isEmpty();

    PlanHandoff.withdraw(start);
    assertThat(PlanHandoff.take(start, List.of(tp(0)))).isEmpty();
  }
}
