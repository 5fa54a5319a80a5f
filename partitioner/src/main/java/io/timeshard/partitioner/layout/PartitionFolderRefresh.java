package io.timeshard.partitioner.layout;

import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.WatchWindow;
import io.timeshard.partitioner.key.ObjectKey;
import io.timeshard.partitioner.listing.ObjectLister;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a refresh of a folder of one Kafka partition ({@code partition=<N>/}) may start: after the
 * last key of the folder seen, when the store starts a listing at a key and every new object of the
 * partition sorts after that key.
 *
 * <p>A new object has a higher start offset than every object seen. Offsets are zero-padded to
 * {@code filename.offset.zero.pad.width} digits and written in full beyond it, so a longer offset
 * sorts <em>before</em> a shorter one as text: only while the last offset seen still has a leading
 * zero (the width is not used up) does every higher offset sort after it. Otherwise the folder is
 * listed whole. An object that a sink writes late with a lower offset than one seen sorts before
 * the start key and is not seen by such a refresh.
 */
final class PartitionFolderRefresh {

  private PartitionFolderRefresh() {}

  /**
   * The key to list {@code folder} (the prefix of the partition's folder) after, or empty to list
   * it whole.
   */
  static Optional<String> startKey(
      Listing listing, String folder, TopicPartition partition, WatchWindow watch) {
    if (!listing.fromAKey()) {
      return Optional.empty();
    }
    Optional<BackupObject> last = watch.lastValue(partition);
    if (last.isEmpty()) {
      return Optional.empty();
    }
    BackupObject object = last.get();
    String key = object.objectKey();
    if (!key.startsWith(folder) || !paddedOffset(object.key())) {
      return Optional.empty();
    }
    String start = key;
    for (Optional<ObjectKey> companion : List.of(object.keys(), object.headers())) {
      if (companion.isPresent()) {
        String other = companion.get().key();
        if (!other.startsWith(folder)) {
          return Optional.empty();
        }
        if (ObjectLister.keyOrder(other, start) > 0) {
          start = other;
        }
      }
    }
    return Optional.of(start);
  }

  /** Whether the key's offset field starts with a zero: the pad width is not used up. */
  static boolean paddedOffset(ObjectKey key) {
    String name = key.key();
    int plus = name.lastIndexOf('+');
    return plus >= 0 && plus + 1 < name.length() && name.charAt(plus + 1) == '0';
  }
}
