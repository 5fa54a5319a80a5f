package io.timeshard.connect.plan;

import io.timeshard.partitioner.RestorePlan;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The connector's first plan, offered to its tasks that start in the same worker, so that they
 * restore at once instead of listing the backup again.
 *
 * <p>A task plans its streams from the configuration the connector plans every stream from: in the
 * same worker, that second listing is the same work twice (a LIST call per page, the keys parsed
 * again, seconds on a large backup or a slow store). The connector answers Connect with task
 * configurations at once, before its plan lands, so its tasks usually start while it still plans: a
 * task of the same connector and configuration waits for the plan (see {@link Pending}) and keeps
 * its own share of it. Each task index takes the plan once: a task restarted later lists anew. Any
 * other task (on another worker, or started after the offer ended) lists the backup itself; an
 * offer only ever saves a listing.
 *
 * <p>The offer shares the plan, never copies it, and ends when every task has taken it, when the
 * connector stops, when its plan fails (its tasks then plan themselves), or {@link #LIFETIME} after
 * the plan landed: the tasks placed on other workers never take it.
 */
public final class PlanHandoff {

  /** How long a plan waits for its tasks once it landed. Tasks start with the connector. */
  static final Duration LIFETIME = Duration.ofMinutes(1);

  private static final ConcurrentMap<String, Offer> OFFERS = new ConcurrentHashMap<>();

  /** What a task gets: the plan, no plan (plan yourself), or a failure to fail with. */
  private record Outcome(RestorePlan plan, RuntimeException failure) {}

  /** One connector start's offer; its identity tells an offer from a later start's. */
  public static final class Offer {
    private final String connector;
    private final Map<String, String> connectorConfig;
    private volatile int tasks = Integer.MAX_VALUE;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final Set<Integer> takenBy = ConcurrentHashMap.newKeySet();

    private Offer(String connector, Map<String, String> connectorConfig) {
      this.connector = connector;
      this.connectorConfig = Map.copyOf(connectorConfig);
    }

    /** How many tasks will take the plan: the offer ends once they all did. */
    public void expect(int taskCount) {
      this.tasks = taskCount;
    }

    /** The plan landed (and passed the connector's checks): tasks take their share of it. */
    public void offer(RestorePlan plan) {
      if (outcome.complete(new Outcome(plan, null))) {
        CompletableFuture.delayedExecutor(LIFETIME.toMillis(), TimeUnit.MILLISECONDS)
            .execute(this::withdraw);
      }
    }

    /** The plan failed a check no retry mends: the waiting tasks fail with the same error. */
    public void fail(RuntimeException failure) {
      outcome.complete(new Outcome(null, failure));
    }

    /** No plan will come (the connector stops, or its plan failed): tasks plan themselves. */
    public void withdraw() {
      outcome.complete(new Outcome(null, null));
      OFFERS.remove(connector, this);
    }
  }

  /** A task's wait for its connector's plan. */
  public static final class Pending {
    private final Offer offer;

    private Pending(Offer offer) {
      this.offer = offer;
    }

    /**
     * Waits at most {@code wait} for the connector's plan.
     *
     * @return whether the outcome is known: then {@link #plan()} tells it
     */
    public boolean await(Duration wait) throws InterruptedException {
      try {
        offer.outcome.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        return true;
      } catch (TimeoutException e) {
        return false;
      } catch (ExecutionException e) {
        throw new IllegalStateException("An offer never completes exceptionally", e);
      }
    }

    /**
     * The connector's plan, or empty when none will come (the task plans itself). Only once {@link
     * #await} said the outcome is known.
     *
     * @throws RuntimeException the error of the connector's check of its plan
     */
    public Optional<RestorePlan> plan() {
      Outcome outcome = offer.outcome.getNow(new Outcome(null, null));
      if (outcome.failure() != null) {
        throw outcome.failure();
      }
      if (outcome.plan() != null && offer.takenBy.size() >= offer.tasks) {
        OFFERS.remove(offer.connector, offer);
      }
      return Optional.ofNullable(outcome.plan());
    }
  }

  private PlanHandoff() {}

  /**
   * A connector starts planning; the tasks of the same configuration that start in this worker
   * meanwhile wait for the plan.
   */
  public static Offer planning(String connector, Map<String, String> connectorConfig) {
    Offer offer = new Offer(connector, connectorConfig);
    Offer earlier = OFFERS.put(connector, offer);
    if (earlier != null) {
      earlier.outcome.complete(new Outcome(null, null));
    }
    return offer;
  }

  /**
   * The wait for the plan of the connector that made this task's configuration, when it plans or
   * planned in this worker and this task index has not taken it yet; empty otherwise, and then the
   * task plans itself.
   */
  public static Optional<Pending> take(
      String connector, Map<String, String> connectorConfig, int task) {
    Offer offer = OFFERS.get(connector);
    if (offer == null
        || !offer.connectorConfig.equals(connectorConfig)
        || !offer.takenBy.add(task)) {
      return Optional.empty();
    }
    return Optional.of(new Pending(offer));
  }

  /** Whether a connector's offer is still open: for tests. */
  static boolean isOffered(String connector) {
    return OFFERS.containsKey(connector);
  }
}
