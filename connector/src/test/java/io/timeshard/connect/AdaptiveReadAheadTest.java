package io.timeshard.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.fetch.AdaptiveConcurrency;
import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.testing.InMemoryStore;
import io.timeshard.connect.testing.TaskHarness;
import io.timeshard.partitioner.listing.ListingPage;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A task raises its reads in flight while it waits on a slow store, within the configured most. */
class AdaptiveReadAheadTest {

  private static final int PARTITIONS = 4;
  private static final int OBJECTS = 150;

  private TaskHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.stop();
    }
  }

  /** Waits before every read, as a far store's round trip would, and counts reads in flight. */
  static class SlowStore implements ObjectStore {
    final ObjectStore store;
    final long delayMs;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger mostInFlight = new AtomicInteger();

    SlowStore(ObjectStore store, long delayMs) {
      this.store = store;
      this.delayMs = delayMs;
    }

    @Override
    public ListingPage list(String prefix, String delimiter, String pageToken) {
      return store.list(prefix, delimiter, pageToken);
    }

    @Override
    public InputStream open(String key) throws IOException {
      mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        Thread.sleep(delayMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      } finally {
        inFlight.decrementAndGet();
      }
      return store.open(key);
    }

    @Override
    public String describe() {
      return "slow " + store.describe();
    }

    @Override
    public void close() {}
  }

  private static InMemoryStore oneRecordObjects() {
    InMemoryStore store = new InMemoryStore(1000);
    for (int p = 0; p < PARTITIONS; p++) {
      for (int o = 0; o < OBJECTS; o++) {
        store.put(
            String.format("topics/orders/partition=%d/orders+%d+%010d.json", p, p, o),
            "p" + p + "-" + o + "\n");
      }
    }
    return store;
  }

  private static Map<String, String> props(int concurrency) {
    Map<String, String> props = new HashMap<>();
    props.put("name", "adaptive");
    props.put("store.url", "memory://test");
    props.put("partitioner.class", "io.confluent.connect.storage.partitioner.DefaultPartitioner");
    // The only task: every stream of the backup.
    props.put(RestoreSourceTaskConfig.TASK_ID_CONFIG, "0");
    props.put(RestoreSourceTaskConfig.TASK_COUNT_CONFIG, "1");
    props.put(RestoreSourceConfig.FETCH_CONCURRENCY_CONFIG, Integer.toString(concurrency));
    return props;
  }

  private static void assertInBackupOrder(List<SourceRecord> records) {
    for (int p = 0; p < PARTITIONS; p++) {
      int partition = p;
      List<String> values =
          records.stream()
              .filter(r -> r.kafkaPartition() == partition)
              .map(r -> (String) r.value())
              .toList();
      assertThat(values)
          .containsExactlyElementsOf(
              IntStream.range(0, OBJECTS).mapToObj(o -> "p" + partition + "-" + o).toList());
    }
  }

  @Test
  void raisesReadsInFlightWhileThePollWaitsAndKeepsEachPartitionsOrder() throws Exception {
    SlowStore[] slow = new SlowStore[1];
    harness = new TaskHarness(oneRecordObjects(), store -> slow[0] = new SlowStore(store, 10));
    RestoreSourceTask task = harness.start(props(64));

    List<SourceRecord> records = harness.pollRecords(PARTITIONS * OBJECTS, 60_000);

    assertInBackupOrder(records);
    assertThat(task.prefetcher().concurrency().limit()).isGreaterThan(8);
    assertThat(slow[0].mostInFlight.get()).isGreaterThan(8).isLessThanOrEqualTo(64);
  }

  @Test
  void neverHasMoreReadsInFlightThanConfigured() throws Exception {
    SlowStore[] slow = new SlowStore[1];
    harness = new TaskHarness(oneRecordObjects(), store -> slow[0] = new SlowStore(store, 2));
    RestoreSourceTask task = harness.start(props(3));

    List<SourceRecord> records = harness.pollRecords(PARTITIONS * OBJECTS, 60_000);

    assertInBackupOrder(records);
    assertThat(task.prefetcher().concurrency().limit()).isEqualTo(3);
    assertThat(slow[0].mostInFlight.get()).isLessThanOrEqualTo(3);
  }

  @Test
  void halvesReadsInFlightWhenTheStoreThrottles() throws Exception {
    SlowStore[] slow = new SlowStore[1];
    Runnable[] throttle = new Runnable[1];
    harness =
        new TaskHarness(
            oneRecordObjects(),
            store ->
                slow[0] =
                    new SlowStore(store, 10) {
                      @Override
                      public void onThrottled(Runnable listener) {
                        throttle[0] = listener;
                      }
                    });
    RestoreSourceTask task = harness.start(props(64));
    List<SourceRecord> records = harness.pollRecords(PARTITIONS * OBJECTS / 2, 60_000);
    int before = task.prefetcher().concurrency().limit();

    throttle[0].run();

    // Reads keep ending while the test runs, and late ones raise the limit again (on the way
    // back to what the throttling took), so the halving is read from what the task recorded.
    AdaptiveConcurrency concurrency = task.prefetcher().concurrency();
    assertThat(concurrency.decreases()).isEqualTo(1);
    assertThat(concurrency.limitBeforeLastDecrease()).isGreaterThanOrEqualTo(before);
    assertThat(concurrency.limitAfterLastDecrease())
        .isEqualTo(Math.max(1, concurrency.limitBeforeLastDecrease() / 2));
    records.addAll(harness.pollRecords(PARTITIONS * OBJECTS - records.size(), 60_000));
    assertInBackupOrder(records);
  }
}
