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

  /**
   * Remembers the objects of {@code stream} up to {@code last}, the last one queued, besides those
   * remembered before: a refresh's plan may hold only the newest objects of a stream, and the next
   * one all of them again (a folder listed whole), whose older objects are not late.
   */
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
    long[] before = known.get(stream.topicPartition());
    known.put(stream.topicPartition(), before == null ? sorted : union(before, sorted));
  }

  /** The sorted union of two sorted arrays; {@code a} itself when it holds all of {@code b}. */
  private static long[] union(long[] a, long[] b) {
    boolean all = true;
    for (long x : b) {
      if (Arrays.binarySearch(a, x) < 0) {
        all = false;
        break;
      }
    }
    if (all) {
      return a;
    }
    long[] merged = new long[a.length + b.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length || j < b.length) {
      long next;
      if (j == b.length || (i < a.length && a[i] <= b[j])) {
        next = a[i++];
      } else {
        next = b[j++];
      }
      if (n == 0 || merged[n - 1] != next) {
        merged[n++] = next;
      }
    }
    return Arrays.copyOf(merged, n);
  }

  private static long fingerprint(BackupObject object) {
    return ((long) object.objectKey().hashCode() << 32) ^ object.startOffset();
  }
}
