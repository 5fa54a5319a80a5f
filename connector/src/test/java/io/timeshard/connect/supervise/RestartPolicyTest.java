package io.timeshard.connect.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.supervise.RestartPolicy.Decision;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

  /** What a 4.1 worker reported for an exactly-once task whose fencing reached a stopped leader. */
  private static final String FENCING_FAILED =
      "org.apache.kafka.connect.runtime.rest.errors.ConnectRestException: IO Error trying to"
          + " forward REST request: No content to map due to end-of-input\n"
          + "\tat org.apache.kafka.connect.runtime.rest.RestClient.httpRequest(RestClient.java:208)\n"
          + "\tat org.apache.kafka.connect.runtime.distributed.DistributedHerder"
          + ".lambda$fenceZombieSourceTasks$22(DistributedHerder.java:1312)\n"
          + "\tat java.base/java.lang.Thread.run(Thread.java:840)\n";

  /** Timeshard's own failure: the store gone for longer than the limit, restarts spent. */
  private static final String TIMESHARD_FAILED =
      "org.apache.kafka.connect.errors.ConnectException: Cannot fetch 'topics/t/t+0+0000000001.avro'"
          + " (Kafka partition t-0) from s3://down: no read from s3://down has succeeded for 3 s\n"
          + "\tat io.timeshard.connect.RestoreSourceTask.poll(RestoreSourceTask.java:401)\n"
          + "\tat org.apache.kafka.connect.runtime.AbstractWorkerSourceTask.poll"
          + "(AbstractWorkerSourceTask.java:488)\n";

  private static final Instant T0 = Instant.parse("2026-12-06T03:00:00Z");

  @Test
  void aFailureOutsideTimeshardsCodeIsRestarted() {
    assertThat(new RestartPolicy(3, Duration.ofSeconds(10)).decide("c", 0, FENCING_FAILED, T0))
        .isEqualTo(Decision.RESTART);
  }

  @Test
  void aFailureOfTimeshardsOwnIsLeftToTimeshard() {
    assertThat(new RestartPolicy(3, Duration.ofSeconds(10)).decide("c", 0, TIMESHARD_FAILED, T0))
        .isEqualTo(Decision.LEAVE_TO_TIMESHARD);
    assertThat(RestartPolicy.failedOutsideTimeshard(TIMESHARD_FAILED)).isFalse();
  }

  @Test
  void aFailureWithoutATraceIsLeftAlone() {
    assertThat(new RestartPolicy(3, Duration.ofSeconds(10)).decide("c", 0, null, T0))
        .isEqualTo(Decision.LEAVE_TO_TIMESHARD);
    assertThat(new RestartPolicy(3, Duration.ofSeconds(10)).decide("c", 0, " ", T0))
        .isEqualTo(Decision.LEAVE_TO_TIMESHARD);
  }

  @Test
  void aTaskIsRestartedAtMostMaxTimesInAnyHour() {
    RestartPolicy policy = new RestartPolicy(2, Duration.ofSeconds(10));
    policy.restarted("c", 1, T0);
    policy.restarted("c", 1, T0.plus(Duration.ofMinutes(10)));

    assertThat(policy.decide("c", 1, FENCING_FAILED, T0.plus(Duration.ofMinutes(20))))
        .isEqualTo(Decision.GIVE_UP);
    assertThat(policy.decide("c", 0, FENCING_FAILED, T0.plus(Duration.ofMinutes(20))))
        .as("another task has a budget of its own")
        .isEqualTo(Decision.RESTART);
    assertThat(policy.decide("other", 1, FENCING_FAILED, T0.plus(Duration.ofMinutes(20))))
        .as("so has the same task of another connector")
        .isEqualTo(Decision.RESTART);
    assertThat(policy.decide("c", 1, FENCING_FAILED, T0.plus(Duration.ofMinutes(61))))
        .as("an hour after the first restart, one restart is free again")
        .isEqualTo(Decision.RESTART);
    assertThat(policy.recentRestarts("c", 1)).isEqualTo(1);
  }

  @Test
  void eachRestartOfATaskWaitsTwiceAsLongAsTheOneBefore() {
    RestartPolicy policy = new RestartPolicy(6, Duration.ofSeconds(10));
    Instant at = T0;
    policy.restarted("c", 0, at);
    for (int restarts = 1; restarts < 6; restarts++) {
      Duration backOff = Duration.ofSeconds(10L << (restarts - 1));
      assertThat(policy.decide("c", 0, FENCING_FAILED, at.plus(backOff).minusMillis(1)))
          .as("%d restarts, %s after the last", restarts, backOff)
          .isEqualTo(Decision.WAIT);
      at = at.plus(backOff);
      assertThat(policy.decide("c", 0, FENCING_FAILED, at)).isEqualTo(Decision.RESTART);
      policy.restarted("c", 0, at);
    }
    assertThat(Duration.between(T0, at))
        .as("six restarts span 10 s + 20 s + 40 s + 80 s + 160 s")
        .isEqualTo(Duration.ofSeconds(310));
    assertThat(
            policy.decide("c", 0, FENCING_FAILED, at.plus(Duration.ofHours(1).minusSeconds(311))))
        .isEqualTo(Decision.GIVE_UP);
  }

  @Test
  void noRestartAtAllWhenTheBudgetIsZero() {
    assertThat(new RestartPolicy(0, Duration.ofSeconds(10)).decide("c", 0, FENCING_FAILED, T0))
        .isEqualTo(Decision.GIVE_UP);
  }
}
