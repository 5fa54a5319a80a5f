package io.timeshard.connect.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdaptiveConcurrencyTest {

  /** A limit in a process with idle cores. */
  private static AdaptiveConcurrency limit(int initial, int max) {
    return new AdaptiveConcurrency(initial, max, () -> true);
  }

  private static void endLate(AdaptiveConcurrency limit, int reads) {
    for (int i = 0; i < reads; i++) {
      limit.ended(true, true);
    }
  }

  @Test
  void startsWithinItsBounds() {
    assertThat(limit(8, 128).limit()).isEqualTo(8);
    assertThat(limit(8, 3).limit()).isEqualTo(3);
    assertThat(limit(0, 3).limit()).isEqualTo(1);
    assertThatThrownBy(() -> limit(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void doublesEveryRoundTripWhileThePollWaitsOnReads() {
    AdaptiveConcurrency limit = limit(8, 128);

    endLate(limit, 8);
    assertThat(limit.limit()).isEqualTo(16);
    endLate(limit, 16);
    assertThat(limit.limit()).isEqualTo(32);
  }

  /**
   * The poll waits on the first read of a round trip; those behind it arrive while it drains the
   * first, in time. One wait a round trip still means the latency is not hidden.
   */
  @Test
  void doublesInARoundTripWhereThePollWaitedOnOneReadOnly() {
    AdaptiveConcurrency limit = limit(8, 128);

    for (int i = 0; i < 7; i++) {
      limit.ended(false, true);
    }
    limit.ended(true, true);
    assertThat(limit.limit()).isEqualTo(16);

    for (int i = 0; i < 15; i++) {
      limit.ended(false, true);
    }
    limit.ended(true, true);
    assertThat(limit.limit()).isEqualTo(32);
  }

  @Test
  void aLateReadAtMostDoublesTheLimitHoweverManyReadsEndedBeforeIt() {
    AdaptiveConcurrency limit = limit(8, 128);

    for (int i = 0; i < 1000; i++) {
      limit.ended(false, true);
    }
    limit.ended(true, true);

    assertThat(limit.limit()).isEqualTo(16);
  }

  @Test
  void aPollThatWaitsWhileTheCoresAreBusyRaisesNothing() {
    boolean[] idle = {false};
    AdaptiveConcurrency limit = new AdaptiveConcurrency(8, 128, () -> idle[0]);

    endLate(limit, 100);
    assertThat(limit.limit()).isEqualTo(8);

    idle[0] = true;
    endLate(limit, 1);
    assertThat(limit.limit()).isEqualTo(16);
  }

  @Test
  void neverGoesAboveTheConfiguredMost() {
    AdaptiveConcurrency limit = limit(8, 20);

    endLate(limit, 1000);

    assertThat(limit.limit()).isEqualTo(20);
  }

  @Test
  void readsThatEndInTimeOrThatTheLimitDidNotHoldBackChangeNothing() {
    AdaptiveConcurrency limit = limit(8, 128);

    for (int i = 0; i < 100; i++) {
      limit.ended(false, true); // ahead of the poll: latency already hidden
      limit.ended(true, false); // memory or a lack of work held back the next read, not the limit
    }

    assertThat(limit.limit()).isEqualTo(8);
    assertThat(limit.increases()).isZero();
  }

  @Test
  void halvesOnThrottlingOncePerBurstWinsTheLimitBackThenGrowsByOneARoundTrip() {
    AdaptiveConcurrency limit = limit(8, 128);
    endLate(limit, 56);
    assertThat(limit.limit()).isEqualTo(64);
    assertThat(limit.limitBeforeLastDecrease()).isZero();

    limit.throttled();
    // The answers to reads already sent come in a burst: they count once.
    limit.throttled();
    limit.throttled();
    assertThat(limit.limit()).isEqualTo(32);
    assertThat(limit.decreases()).isEqualTo(1);
    assertThat(limit.limitBeforeLastDecrease()).isEqualTo(64);
    assertThat(limit.limitAfterLastDecrease()).isEqualTo(32);

    // Late reads win back the limit before the halving, as in slow start...
    endLate(limit, 32);
    assertThat(limit.limit()).isEqualTo(64);
    // ...and past it, a limit's worth of late reads adds one.
    endLate(limit, 63);
    assertThat(limit.limit()).isEqualTo(64);
    endLate(limit, 1);
    assertThat(limit.limit()).isEqualTo(65);

    // Throttled again once a window of reads has ended: halves again.
    limit.ended(false, false);
    limit.throttled();
    assertThat(limit.limit()).isEqualTo(32);
    assertThat(limit.limitBeforeLastDecrease()).isEqualTo(65);
  }

  @Test
  void winsTheLimitBackWhileTheCoresAreBusy() {
    boolean[] idle = {true};
    AdaptiveConcurrency limit = new AdaptiveConcurrency(8, 128, () -> idle[0]);
    endLate(limit, 8);
    assertThat(limit.limit()).isEqualTo(16);
    limit.throttled();
    idle[0] = false;

    endLate(limit, 8);
    assertThat(limit.limit()).isEqualTo(16);
    endLate(limit, 16);
    assertThat(limit.limit()).as("no growth past it on busy cores").isEqualTo(16);
  }

  @Test
  void keepsOneReadInFlightHoweverOftenItIsThrottled() {
    AdaptiveConcurrency limit = limit(4, 8);

    for (int i = 0; i < 20; i++) {
      limit.throttled();
      limit.ended(false, false);
      limit.ended(false, false);
      limit.ended(false, false);
      limit.ended(false, false);
    }

    assertThat(limit.limit()).isEqualTo(1);
  }
}
