package io.timeshard.connect.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.PlanStats;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.key.ExtensionTable;
import io.timeshard.partitioner.key.KeyParse;
import io.timeshard.partitioner.key.ObjectKeyParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class PlanHandoffTest {

  private static final ObjectKeyParser PARSER =
      new ObjectKeyParser("topics", "/", ExtensionTable.standard());

  private final String connector = "handoff-" + UUID.randomUUID();
  private static final Map<String, String> CONFIG = Map.of("tasks.max", "2", "topics", "t");
  private static final Duration NO_WAIT = Duration.ZERO;

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
  void tasksWaitForThePlanThenEachIndexTakesItOnce() throws Exception {
    PlanHandoff.Offer offer = PlanHandoff.planning(connector, CONFIG);
    offer.expect(2);
    PlanHandoff.Pending first = PlanHandoff.take(connector, CONFIG, 0).orElseThrow();

    assertThat(first.await(NO_WAIT)).isFalse();
    RestorePlan plan = fourStreams();
    offer.offer(plan);

    assertThat(first.await(NO_WAIT)).isTrue();
    assertThat(first.plan()).containsSame(plan);
    // Taken once: the same task restarted plans for itself.
    assertThat(PlanHandoff.take(connector, CONFIG, 0)).isEmpty();
    assertThat(PlanHandoff.isOffered(connector)).isTrue();

    PlanHandoff.Pending second = PlanHandoff.take(connector, CONFIG, 1).orElseThrow();
    assertThat(second.await(NO_WAIT)).isTrue();
    assertThat(second.plan()).containsSame(plan);
    assertThat(PlanHandoff.isOffered(connector)).isFalse();
  }

  @Test
  void anotherConfigurationOrConnectorTakesNothing() {
    PlanHandoff.planning(connector, CONFIG).offer(fourStreams());

    assertThat(PlanHandoff.take(connector, Map.of("tasks.max", "2"), 0)).isEmpty();
    assertThat(PlanHandoff.take("other-" + connector, CONFIG, 0)).isEmpty();
    assertThat(PlanHandoff.take(connector, CONFIG, 0)).isPresent();
  }

  @Test
  void aWithdrawnOfferTellsTheWaitingTasksToPlanThemselves() throws Exception {
    PlanHandoff.Offer offer = PlanHandoff.planning(connector, CONFIG);
    PlanHandoff.Pending waiting = PlanHandoff.take(connector, CONFIG, 0).orElseThrow();

    offer.withdraw();

    assertThat(waiting.await(NO_WAIT)).isTrue();
    assertThat(waiting.plan()).isEmpty();
    assertThat(PlanHandoff.take(connector, CONFIG, 1)).isEmpty();
    // A plan after the withdrawal reaches no one.
    offer.offer(fourStreams());
    assertThat(waiting.plan()).isEmpty();
  }

  @Test
  void aFailedCheckFailsTheWaitingTasksWithItsError() throws Exception {
    PlanHandoff.Offer offer = PlanHandoff.planning(connector, CONFIG);
    PlanHandoff.Pending waiting = PlanHandoff.take(connector, CONFIG, 0).orElseThrow();

    offer.fail(new ConnectException("Destination topic 't' does not exist"));

    assertThat(waiting.await(NO_WAIT)).isTrue();
    assertThatThrownBy(waiting::plan)
        .isInstanceOf(ConnectException.class)
        .hasMessage("Destination topic 't' does not exist");
  }

  @Test
  void aNewStartOfTheConnectorEndsTheEarlierOffer() throws Exception {
    PlanHandoff.Offer earlier = PlanHandoff.planning(connector, CONFIG);
    PlanHandoff.Pending waiting = PlanHandoff.take(connector, CONFIG, 0).orElseThrow();

    PlanHandoff.planning(connector, CONFIG);
    earlier.withdraw();

    assertThat(waiting.await(NO_WAIT)).isTrue();
    assertThat(waiting.plan()).isEmpty();
    // The new start's offer stays: the earlier one's withdrawal does not end it.
    assertThat(PlanHandoff.isOffered(connector)).isTrue();
    assertThat(PlanHandoff.take(connector, CONFIG, 0)).isPresent();
  }
}
