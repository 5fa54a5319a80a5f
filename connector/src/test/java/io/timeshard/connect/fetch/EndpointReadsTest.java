package io.timeshard.connect.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EndpointReadsTest {

  private final AtomicLong now = new AtomicLong();

  @Test
  void theWorkersReadsStayWithinTheBoundWhateverTheTasks() {
    EndpointReads reads = new EndpointReads("e", 3, now::get);
    Runnable taskA = () -> {};
    Runnable taskB = () -> {};

    assertThat(reads.tryAcquire(taskA)).isTrue();
    assertThat(reads.tryAcquire(taskA)).isTrue();
    assertThat(reads.tryAcquire(taskB)).isTrue();
    assertThat(reads.tryAcquire(taskA)).isFalse();
    assertThat(reads.tryAcquire(taskB)).isFalse();
    assertThat(reads.inFlight()).isEqualTo(3);
    assertThat(reads.maxInFlight()).isEqualTo(3);
  }

  @Test
  void aFreedPlaceWakesTheWaitingTaskWhichGoesFirst() throws Exception {
    EndpointReads reads = new EndpointReads("e", 1, now::get);
    CountDownLatch woken = new CountDownLatch(1);
    Runnable taskA = () -> {};
    Runnable taskB = woken::countDown;
    assertThat(reads.tryAcquire(taskA)).isTrue();
    assertThat(reads.tryAcquire(taskB)).isFalse();

    reads.release(true);

    assertThat(woken.await(10, TimeUnit.SECONDS)).as("the waiting task is woken").isTrue();
    // A was not held back: while B waits, A's next read waits behind it.
    assertThat(reads.tryAcquire(taskA)).isFalse();
    assertThat(reads.tryAcquire(taskB)).isTrue();
  }

  @Test
  void throttlingHalvesTheBoundAndEveryTasksReadAheadOncePerBoundsWorthOfReads() {
    EndpointReads reads = new EndpointReads("e", 8, now::get);
    AtomicInteger taskA = new AtomicInteger();
    AtomicInteger taskB = new AtomicInteger();
    reads.onSlowDown(taskA::incrementAndGet);
    reads.onSlowDown(taskB::incrementAndGet);

    reads.throttled();
    reads.throttled();

    assertThat(reads.limit()).isEqualTo(4);
    assertThat(taskA.get()).isEqualTo(1);
    assertThat(taskB.get()).isEqualTo(1);
    for (int i = 0; i < 4; i++) {
      assertThat(reads.tryAcquire(() -> {})).isTrue();
      reads.release(false);
    }
    reads.throttled();
    assertThat(reads.limit()).isEqualTo(2);
    assertThat(reads.decreases()).isEqualTo(2);
  }

  @Test
  void aFailedAttemptLowersTheBoundByAQuarterAndLeavesTheTasksReadAhead() {
    EndpointReads reads = new EndpointReads("e", 256, now::get);
    AtomicInteger task = new AtomicInteger();
    reads.onSlowDown(task::incrementAndGet);

    reads.failedAttempt();
    reads.failedAttempt();

    assertThat(reads.limit()).isEqualTo(192);
    assertThat(task.get()).isZero();
  }

  @Test
  void successfulReadsRaiseTheBoundBackOneAnEighthBoundsWorth() {
    EndpointReads reads = new EndpointReads("e", 64, now::get);
    reads.throttled();
    assertThat(reads.limit()).isEqualTo(32);

    for (int i = 0; i < 3; i++) {
      assertThat(reads.tryAcquire(() -> {})).isTrue();
      reads.release(true);
    }
    assertThat(reads.limit()).isEqualTo(32);
    reads.tryAcquire(() -> {});
    reads.release(true);
    assertThat(reads.limit()).isEqualTo(33);
    for (int i = 0; i < 1000; i++) {
      reads.tryAcquire(() -> {});
      reads.release(true);
    }
    assertThat(reads.limit()).isEqualTo(64);
  }

  @Test
  void theStoreCountsAsFailingFromTheFirstFailureUntilAReadSucceeds() {
    EndpointReads reads = new EndpointReads("e", 8, now::get);
    assertThat(reads.failingFor()).isZero();

    now.set(1_000);
    reads.failed();
    now.set(5_000);
    reads.failed();
    assertThat(reads.failingFor()).isEqualTo(Duration.ofNanos(4_000));

    reads.succeeded();
    assertThat(reads.failingFor()).isZero();
    now.set(9_000);
    reads.failed();
    now.set(9_500);
    assertThat(reads.failingFor()).isEqualTo(Duration.ofNanos(500));
  }

  @Test
  void aReadWaitingToTryAgainGoesOnOnceAnotherSucceeds() throws Exception {
    EndpointReads reads = new EndpointReads("e", 8, now::get);
    CountDownLatch done = new CountDownLatch(1);
    Thread waiting =
        new Thread(
            () -> {
              try {
                reads.awaitSuccess(600_000);
                done.countDown();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    waiting.start();
    while (waiting.getState() != Thread.State.TIMED_WAITING) {
      Thread.onSpinWait();
    }

    reads.succeeded();

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void tasksOfAWorkerShareOneEndpointUntilTheLastLeaves() {
    EndpointReads first = EndpointReads.join("https://shared.example", 64);
    EndpointReads second = EndpointReads.join("https://shared.example", 128);
    Runnable listener = () -> {};
    Runnable waiter = () -> {};

    assertThat(second).isSameAs(first);
    assertThat(first.max()).isEqualTo(128);
    first.leave(listener, waiter);
    assertThat(EndpointReads.endpoints()).contains("https://shared.example");
    second.leave(listener, waiter);
    assertThat(EndpointReads.endpoints()).doesNotContain("https://shared.example");
  }
}
