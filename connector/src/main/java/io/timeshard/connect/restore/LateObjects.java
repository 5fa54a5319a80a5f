package io.timeshard.connect.restore;

import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.PartitionStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;

/**
 * Finds objects that appeared in a later plan but sort before the last object a stream already
 * queued: a sink that flushed them late. They are not restored (a stream restores in order), so the
 * task names each once. Remembers, per stream, a 64-bit fingerprint of each object up to the last
 * one queued: eight bytes an object.
 */
public final class LateObjects {

  private final Map<TopicPartition, long[]> known = new HashMap<>();

  /**
   * The objects of {@code stream} up to {@code last} that the previous plan did not hold and that
   * are not restored already.
   */
  public List<BackupObject> find(
      PartitionStream stream, BackupObject last, Predicate<BackupObject> restored) {
    long[] before = known.get(stream.topicPartition());
    List<BackupObject> late = new ArrayList<>();
    if (before == null || last == null) {
      return late;
    }
    for (BackupObject object : stream.objects()) {
      if (PartitionStream.RESTORE_ORDER.compare(object, last) > 0) {
        break;
      }
      if (Arrays.binarySearch(before, fingerprint(object)) < 0 && !restored.test(object)) {
        late.add(object);
      }
    }
    return late;
  }

  /** Remembers the objects of {@code stream} up to {@code last}, the last one queued. */
  public void remember(PartitionStream stream, BackupObject last) {
    if (last == null) {
      return;
    }
    long[] fingerprints = new long[stream.objects().size()];
    int count = 0;
    for (BackupObject object : stream.objects()) {
      if (PartitionStream.RESTORE_ORDER.compare(object, last) > 0) {
        break;
      }
      fingerprints[count++] = fingerprint(object);
    }
    long[] sorted = Arrays.copyOf(fingerprints, count);
    Arrays.sort(sorted);
    known.put(stream.topicPartition(), sorted);
  }

  private static long fingerprint(BackupObject object) {
    return ((long) object.objectKey().hashCode() << 32) ^ object.startOffset();
  }
}
