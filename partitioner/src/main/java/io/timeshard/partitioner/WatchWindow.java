package io.timeshard.partitioner;

import io.timeshard.partitioner.time.TimeInterval;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * What a refresh after the first plan needs to know of the plans before it, so that it lists only
 * where new objects can appear.
 *
 * <p>In a time-based layout new objects land in the newest time folders, and late ones a little
 * before them: a refresh lists the restore window from the start of the newest folder seen, less a
 * look-back, so that the folders before it are pruned without being listed. In a layout with a
 * folder per Kafka partition, a refresh lists each folder from after the last object of the
 * partition seen, where the store can start a listing at a key.
 */
public final class WatchWindow {

  /** How many objects from the end of a stream are looked at for its last value object. */
  private static final int LAST_VALUE_SCAN = 16;

  private final TimeInterval window;
  private final long lookBackMs;
  private long newest = Long.MIN_VALUE;
  private final Map<TopicPartition, BackupObject> lastValues = new HashMap<>();
  private final Map<String, Long> objectsByTopic = new HashMap<>();
  private final Map<TopicPartition, Long> objectsByStream = new HashMap<>();

  /**
   * @param window the restore window
   * @param lookBack how far before the newest folder seen a refresh still looks, for late files
   */
  public WatchWindow(TimeInterval window, Duration lookBack) {
    this.window = window;
    this.lookBackMs = lookBack.toMillis();
  }

  /**
   * Notes a plan: its newest time folder, the last value object of each stream (the one with the
   * highest start offset), and how many objects each stream holds.
   */
  public synchronized void saw(RestorePlan plan) {
    for (PartitionStream stream : plan.streams()) {
      stream.newestBucketStart().ifPresent(start -> newest = Math.max(newest, start));
      lastValue(stream)
          .ifPresent(
              last ->
                  lastValues.merge(
                      stream.topicPartition(),
                      last,
                      (a, b) -> PartitionStream.RESTORE_ORDER.compare(a, b) >= 0 ? a : b));
      objectsByStream.merge(stream.topicPartition(), (long) stream.objectCount(), Long::sum);
      objectsByTopic.merge(stream.topicPartition().topic(), (long) stream.objectCount(), Long::sum);
    }
  }

  private static Optional<BackupObject> lastValue(PartitionStream stream) {
    List<BackupObject> objects = stream.objects();
    for (int i = objects.size() - 1; i >= Math.max(0, objects.size() - LAST_VALUE_SCAN); i--) {
      BackupObject object = objects.get(i);
      if (!object.isTombstone()) {
        return Optional.of(object);
      }
    }
    return Optional.empty();
  }

  /** The window the next refresh lists. */
  public synchronized TimeInterval next() {
    if (newest == Long.MIN_VALUE) {
      return window;
    }
    long from = newest - lookBackMs;
    if (from <= window.startMillis()) {
      return window;
    }
    return new TimeInterval(Math.min(from, window.endMillis()), window.endMillis());
  }

  /**
   * The value object with the highest start offset seen for a partition (tombstone objects aside),
   * with its companions; empty before any was seen.
   */
  public synchronized Optional<BackupObject> lastValue(TopicPartition partition) {
    return Optional.ofNullable(lastValues.get(partition));
  }

  /** How many objects of a topic the plans seen held, all plans summed. */
  public synchronized long objects(String topic) {
    return objectsByTopic.getOrDefault(topic, 0L);
  }

  /** How many partitions of a topic the plans seen held. */
  public synchronized int partitions(String topic) {
    int count = 0;
    for (TopicPartition tp : objectsByStream.keySet()) {
      if (tp.topic().equals(topic)) {
        count++;
      }
    }
    return count;
  }
}
