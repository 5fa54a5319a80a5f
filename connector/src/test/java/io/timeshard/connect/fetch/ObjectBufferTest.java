package io.timeshard.connect.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.restore.BackupRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.junit.jupiter.api.Test;

class ObjectBufferTest {

  private final AtomicInteger changes = new AtomicInteger();

  private ObjectBuffer buffer(long capacity) {
    return new ObjectBuffer(null, capacity, 0, changes::incrementAndGet);
  }

  /**
   * Puts a record from a thread of its own, as a fetch thread does, and returns once that thread
   * waits on the buffer or is done: the result is what {@code put} returned.
   */
  private static CompletableFuture<Boolean> putFromAFetchThread(
      ObjectBuffer buffer, BackupRecord record) {
    CompletableFuture<Boolean> put = new CompletableFuture<>();
    Thread fetch =
        new Thread(
            () -> {
              try {
                put.complete(buffer.put(record));
              } catch (InterruptedException e) {
                put.completeExceptionally(e);
              }
            });
    fetch.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (fetch.getState() != Thread.State.WAITING
        && !put.isDone()
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    return put;
  }

  private static BackupRecord record(long index, boolean last) {
    return new BackupRecord(
        null, new SchemaAndValue(Schema.INT64_SCHEMA, index), null, index, last, 100);
  }

  private static List<Long> indexes(List<BackupRecord> records) {
    return records.stream().map(BackupRecord::index).toList();
  }

  @Test
  void drainsInOrderAtMostTheAskedNumber() throws Exception {
    ObjectBuffer buffer = buffer(10_000);
    for (int i = 0; i < 10; i++) {
      buffer.put(record(i, i == 9));
    }
    List<BackupRecord> into = new ArrayList<>();

    assertThat(buffer.drainTo(into, 4)).isEqualTo(4);
    assertThat(buffer.drainTo(into, 4)).isEqualTo(4);
    assertThat(buffer.drainTo(into, 4)).isEqualTo(2);

    assertThat(indexes(into)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(buffer.drainTo(into, 4)).isZero();
  }

  @Test
  void tellsThePollOnlyOnceItWaitsOnTheObjectAndWhenARecordFindsTheBufferEmpty() throws Exception {
    ObjectBuffer buffer = buffer(10_000);
    buffer.put(record(0, false));
    buffer.put(record(1, false));
    assertThat(changes).hasValue(0);

    buffer.drainTo(new ArrayList<>(), 10);
    buffer.put(record(2, false));
    buffer.put(record(3, false));
    assertThat(changes).hasValue(1);

    buffer.finish();
    assertThat(changes).hasValue(2);
  }

  @Test
  void anObjectThePollHasNotReachedEndsWithoutTellingIt() throws Exception {
    ObjectBuffer read = buffer(10_000);
    read.put(record(0, true));
    read.finish();
    ObjectBuffer failed = buffer(10_000);
    failed.fail(new IllegalStateException("broken"));

    assertThat(changes).hasValue(0);
  }

  @Test
  void aPollThatFindsTooFewRecordsBeforeTheEndCountsAsWaiting() throws Exception {
    ObjectBuffer full = buffer(10_000);
    full.put(record(0, false));
    full.put(record(1, true));
    full.drainTo(new ArrayList<>(), 2);
    assertThat(full.pollWaited()).isFalse();

    ObjectBuffer finished = buffer(10_000);
    finished.put(record(0, true));
    finished.finish();
    finished.drainTo(new ArrayList<>(), 5);
    assertThat(finished.pollWaited()).isFalse();

    ObjectBuffer behind = buffer(10_000);
    behind.put(record(0, false));
    behind.drainTo(new ArrayList<>(), 5);
    assertThat(behind.pollWaited()).isTrue();
  }

  @Test
  void aFetchWaitingOnAFullBufferResumesOnceHalfOfItIsTaken() throws Exception {
    ObjectBuffer buffer = buffer(400);
    for (int i = 0; i < 4; i++) {
      buffer.put(record(i, false));
    }
    CompletableFuture<Boolean> fifth = putFromAFetchThread(buffer, record(4, true));
    List<BackupRecord> into = new ArrayList<>();
    buffer.drainTo(into, 1);
    Thread.sleep(50);
    // Room for one record is not enough to wake the fetch: it would decode one record a poll.
    assertThat(fifth).isNotDone();

    buffer.drainTo(into, 1);

    assertThat(fifth.get(10, TimeUnit.SECONDS)).isTrue();
    buffer.drainTo(into, 10);
    assertThat(indexes(into)).containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void anObjectThePollHasNotReachedFillsOnlyTheRoomForItsFirstTake() throws Exception {
    long quarter = ObjectBuffer.WAITING_BYTES / 4;
    ObjectBuffer buffer = new ObjectBuffer(null, 4 * ObjectBuffer.WAITING_BYTES, 0, () -> {});
    for (int i = 0; i < 4; i++) {
      buffer.put(sized(i, quarter));
    }
    CompletableFuture<Boolean> fifth = putFromAFetchThread(buffer, sized(4, quarter));
    assertThat(fifth).isNotDone();

    List<BackupRecord> into = new ArrayList<>();
    buffer.drainTo(into, 1);

    assertThat(fifth.get(10, TimeUnit.SECONDS)).isTrue();
    // Reached by the poll, it fills up to its capacity: twelve more fit without waiting.
    for (int i = 5; i < 17; i++) {
      assertThat(buffer.put(sized(i, quarter))).isTrue();
    }
    buffer.drainTo(into, 100);
    assertThat(into).hasSize(17);
  }

  private static BackupRecord sized(long index, long bytes) {
    return new BackupRecord(
        null, new SchemaAndValue(Schema.INT64_SCHEMA, index), null, index, false, bytes);
  }

  @Test
  void drainingFreesRoomForAFetchWaitingOnAFullBuffer() throws Exception {
    ObjectBuffer buffer = buffer(250);
    buffer.put(record(0, false));
    buffer.put(record(1, false));
    CompletableFuture<Boolean> third = putFromAFetchThread(buffer, record(2, true));
    assertThat(third).isNotDone();

    List<BackupRecord> into = new ArrayList<>();
    buffer.drainTo(into, 1);

    assertThat(third.get(10, TimeUnit.SECONDS)).isTrue();
    buffer.drainTo(into, 10);
    assertThat(indexes(into)).containsExactly(0L, 1L, 2L);
  }
}
