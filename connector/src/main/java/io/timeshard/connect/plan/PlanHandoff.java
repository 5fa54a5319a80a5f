package io.timeshard.connect.plan;

import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.PlanStats;
import io.timeshard.partitioner.RestorePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * The connector's first plan, offered to the tasks it assigns that start in the same worker, so
 * that they restore at once instead of listing the backup again.
 *
 * <p>A task plans the streams assigned to it from the configuration the connector has just planned
 * every stream from: in the same worker, that second listing is the same work twice (a LIST call
 * per page, the keys parsed again, seconds on a large backup or a slow store). A task of the same
 * connector start that finds every one of its streams in the offer takes them, and the offer
 * forgets them: a task restarted later lists anew. Any other task (on another worker, given a
 * stream a later refresh found, or started after the offer ended) lists the backup itself, as
 * before; an offer only ever saves a listing.
 *
 * <p>The offer shares the plan's streams, never copies them, and ends when all its streams are
 * taken, when the connector stops, or after {@link #LIFETIME}: the streams of tasks placed on other
 * workers are never taken.
 */
public final class PlanHandoff {

  /** How long an offer waits for its tasks. Tasks start seconds after the plan, in one worker. */
  static final Duration LIFETIME = Duration.ofMinutes(1);

  private static final ConcurrentMap<String, Map<TopicPartition, PartitionStream>> OFFERS =
      new ConcurrentHashMap<>();

  private PlanHandoff() {}

  /**
   * Offers a connector start's first plan to its tasks in this worker.
   *
   * @param connectorStart the id of the connector's start, in every task configuration it writes
   */
  public static void offer(String connectorStart, RestorePlan plan) {
    Map<TopicPartition, PartitionStream> streams = new HashMap<>();
    for (PartitionStream stream : plan.streams()) {
      streams.put(stream.topicPartition(), stream);
    }
    OFFERS.put(connectorStart, streams);
    CompletableFuture.delayedExecutor(LIFETIME.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> OFFERS.remove(connectorStart, streams));
  }

  /** Ends a connector start's offer: the connector stops. */
  public static void withdraw(String connectorStart) {
    OFFERS.remove(connectorStart);
  }

  /**
   * The plan of a task's streams, when its connector start offered every one of them and no task
   * took them yet; empty otherwise, and then the task plans them itself. Its statistics count no
   * LIST call: the task sent none.
   */
  public static Optional<RestorePlan> take(
      String connectorStart, Collection<TopicPartition> assigned) {
    Map<TopicPartition, PartitionStream> offer = OFFERS.get(connectorStart);
    if (offer == null || assigned.isEmpty()) {
      return Optional.empty();
    }
    List<PartitionStream> taken = new ArrayList<>(assigned.size());
    synchronized (offer) {
      if (!offer.keySet().containsAll(assigned)) {
        return Optional.empty();
      }
      for (TopicPartition tp : assigned) {
        taken.add(offer.remove(tp));
      }
      if (offer.isEmpty()) {
        OFFERS.remove(connectorStart, offer);
      }
    }
    long objects = taken.stream().mapToLong(PartitionStream::objectCount).sum();
    return Optional.of(new RestorePlan(taken, new PlanStats(0, 0, 0, objects, 0, 0, 0, 0, 0)));
  }

  /** Whether a connector start's offer is still open: for tests. */
  static boolean isOffered(String connectorStart) {
    return OFFERS.containsKey(connectorStart);
  }
}
