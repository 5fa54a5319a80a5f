package io.timeshard.connect.progress;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * Counts what a task planned and restored, per partition stream and in total. Updated from the poll
 * thread and the producer's acknowledgement callbacks.
 */
public final class RestoreProgress implements RestoreTaskMetricsMBean {

  /** One partition stream's counters. */
  public static final class StreamProgress {
    final AtomicLong plannedObjects = new AtomicLong();
    final AtomicLong plannedBytes = new AtomicLong();
    final AtomicLong objects = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong produced = new AtomicLong();
    final AtomicLong acked = new AtomicLong();

    public long records() {
      return acked.get();
    }

    public long objects() {
      return objects.get();
    }

    public long bytes() {
      return bytes.get();
    }

    long remainingObjects() {
      return plannedObjects.get() - objects.get();
    }
  }

  private static final Comparator<TopicPartition> BY_TOPIC_PARTITION =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  private final Map<TopicPartition, StreamProgress> streams = new ConcurrentHashMap<>();
  private volatile boolean planned;
  private final AtomicLong filtered = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong restarts = new AtomicLong();
  private final long startedNanos = System.nanoTime();

  public StreamProgress stream(TopicPartition tp) {
    return streams.computeIfAbsent(tp, p -> new StreamProgress());
  }

  /** The first plan is done: until then the restore cannot be complete. */
  public void markPlanned() {
    planned = true;
  }

  public void planned(TopicPartition tp, long objects, long bytes) {
    StreamProgress stream = stream(tp);
    stream.plannedObjects.addAndGet(objects);
    stream.plannedBytes.addAndGet(bytes);
  }

  public void objectDone(TopicPartition tp, long bytes) {
    StreamProgress stream = stream(tp);
    stream.objects.incrementAndGet();
    stream.bytes.addAndGet(bytes);
  }

  public void objectSkipped(TopicPartition tp, long bytes) {
    skipped.incrementAndGet();
    objectDone(tp, bytes);
  }

  public void produced(TopicPartition tp) {
    stream(tp).produced.incrementAndGet();
  }

  /** Records of a stream handed to Connect, counted once a chunk. */
  public void produced(TopicPartition tp, long records) {
    if (records > 0) {
      stream(tp).produced.addAndGet(records);
    }
  }

  public void acknowledged(TopicPartition tp) {
    stream(tp).acked.incrementAndGet();
  }

  public void filtered() {
    filtered.incrementAndGet();
  }

  /** Records dropped outside the window, counted once a chunk. */
  public void filtered(long records) {
    if (records > 0) {
      filtered.addAndGet(records);
    }
  }

  /** The streams by topic and partition. */
  public Map<TopicPartition, StreamProgress> streams() {
    Map<TopicPartition, StreamProgress> sorted = new TreeMap<>(BY_TOPIC_PARTITION);
    sorted.putAll(streams);
    return sorted;
  }

  public double elapsedSeconds() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private long sum(ToLongFunction<StreamProgress> f) {
    return streams.values().stream().mapToLong(f).sum();
  }

  @Override
  public long getPlannedObjects() {
    return sum(s -> s.plannedObjects.get());
  }

  @Override
  public long getPlannedBytes() {
    return sum(s -> s.plannedBytes.get());
  }

  @Override
  public long getRestoredObjects() {
    return sum(s -> s.objects.get());
  }

  @Override
  public long getRestoredBytes() {
    return sum(s -> s.bytes.get());
  }

  @Override
  public long getProducedRecords() {
    return sum(s -> s.produced.get());
  }

  @Override
  public long getRestoredRecords() {
    return sum(s -> s.acked.get());
  }

  @Override
  public long getFilteredRecords() {
    return filtered.get();
  }

  @Override
  public long getSkippedObjects() {
    return skipped.get();
  }

  /** The task restarted by itself. */
  public void restarted() {
    restarts.incrementAndGet();
  }

  @Override
  public long getRestarts() {
    return restarts.get();
  }

  @Override
  public long getRemainingObjects() {
    return sum(StreamProgress::remainingObjects);
  }

  @Override
  public String getRemainingObjectsByPartition() {
    StringBuilder out = new StringBuilder();
    streams()
        .forEach(
            (tp, s) ->
                out.append(out.length() == 0 ? "" : ",")
                    .append(tp)
                    .append('=')
                    .append(s.remainingObjects()));
    return out.toString();
  }

  @Override
  public long getEtaSeconds() {
    long done = getRestoredBytes() + getRestoredObjects();
    long total = getPlannedBytes() + getPlannedObjects();
    double elapsed = elapsedSeconds();
    if (done == 0 || elapsed <= 0) {
      return -1;
    }
    return Math.round((total - done) * elapsed / done);
  }

  @Override
  public boolean isComplete() {
    return planned && getRemainingObjects() == 0 && getProducedRecords() == getRestoredRecords();
  }
}
