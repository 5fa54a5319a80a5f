package io.timeshard.connect.supervise;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Which failed tasks of Timeshard's connectors to restart: only those the worker failed outside
 * Timeshard's code, at most {@code maxPerHour} times each, and each restart of a task a back-off
 * after the one before it, doubling from {@code firstBackOff}: a cause that lasts (the group's
 * leader gone for a minute) then gets minutes to pass before the budget runs out, rather than six
 * looks in a row.
 *
 * <p>Timeshard's tasks restart themselves where that is safe, and fail only when their store has
 * been gone for {@code restore.store.unavailable.timeout.ms} or for a reason that a restart does
 * not change (403, 404 of a listed object, undecodable bytes); restarting those would hide the
 * cause. A failure whose stack trace holds no Timeshard frame came from the worker around the task:
 * above all the exactly-once start, whose zombie fencing the worker forwards to the group's leader
 * and which fails when that leader's REST server has just stopped, in a rolling restart.
 */
final class RestartPolicy {

  /** The frames of Timeshard's own code in a stack trace. */
  private static final String TIMESHARD_FRAME = "at io.timeshard.";

  private static final Duration WINDOW = Duration.ofHours(1);

  private final int maxPerHour;
  private final Duration firstBackOff;
  private final Map<String, Deque<Instant>> restarts = new HashMap<>();

  /**
   * @param firstBackOff the least time between a task's first and second restart; each further one
   *     waits twice as long as the one before
   */
  RestartPolicy(int maxPerHour, Duration firstBackOff) {
    this.maxPerHour = maxPerHour;
    this.firstBackOff = firstBackOff;
  }

  /** Whether a failure with this trace came from the worker rather than from Timeshard's code. */
  static boolean failedOutsideTimeshard(String trace) {
    return trace != null && !trace.isBlank() && !trace.contains(TIMESHARD_FRAME);
  }

  /** The decision for one failed task seen {@code now}. */
  Decision decide(String connector, int task, String trace, Instant now) {
    if (!failedOutsideTimeshard(trace)) {
      return Decision.LEAVE_TO_TIMESHARD;
    }
    Deque<Instant> recent =
        restarts.computeIfAbsent(connector + "-" + task, key -> new ArrayDeque<>());
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(WINDOW))) {
      recent.removeFirst();
    }
    if (recent.size() >= maxPerHour) {
      return Decision.GIVE_UP;
    }
    if (!recent.isEmpty()
        && now.isBefore(
            recent
                .peekLast()
                .plus(firstBackOff.multipliedBy(1L << Math.min(recent.size() - 1, 20))))) {
      return Decision.WAIT;
    }
    return Decision.RESTART;
  }

  /** Counts a restart asked for {@code now}. */
  void restarted(String connector, int task, Instant now) {
    restarts.computeIfAbsent(connector + "-" + task, key -> new ArrayDeque<>()).addLast(now);
  }

  /** Restarts asked for this task in the last hour. */
  int recentRestarts(String connector, int task) {
    Deque<Instant> recent = restarts.get(connector + "-" + task);
    return recent == null ? 0 : recent.size();
  }

  enum Decision {
    /** Failed outside Timeshard's code, within the hourly budget. */
    RESTART,
    /** Failed outside Timeshard's code, within the budget, but restarted too recently. */
    WAIT,
    /** Failed outside Timeshard's code, but restarted too often in the last hour. */
    GIVE_UP,
    /** Failed in Timeshard's code, which restarts by itself where that is safe. */
    LEAVE_TO_TIMESHARD
  }
}
