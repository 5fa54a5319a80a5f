package io.timeshard.partitioner;

import io.timeshard.partitioner.key.ObjectKey;
import io.timeshard.partitioner.key.ObjectRole;
import io.timeshard.partitioner.time.TimeInterval;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers listed objects into compact {@link PartitionStream}s without a Java object per key: each
 * listed key becomes a row of primitive arrays of its Kafka partition (start offset, size, folder
 * index, role, extension), and {@link #build()} sorts the rows, pairs each value object with its
 * {@code .keys} / {@code .headers} companions and sets aside companions without one.
 *
 * <p>Thread-safe: listings of independent folders add their objects at once.
 */
public final class StreamAssembly {

  private static final Logger log = LoggerFactory.getLogger(StreamAssembly.class);

  private static final int BYTE = 0xff;

  /** The bit of a row's meta that marks a value object pruned by the time of its last change. */
  private static final int PRUNED = 1 << 24;

  /** What {@link #build()} returns. */
  public record Built(
      List<PartitionStream> streams, long companions, long orphans, long tombstones) {}

  private final StreamNames names = new StreamNames();
  private final Function<ObjectKey, Optional<TimeInterval>> bucketOf;
  private final String tombstoneFolder;
  private final Map<TopicPartition, Rows> partitions = new HashMap<>();

  /**
   * @param bucketOf the instants a key's folder covers, read once per folder
   * @param tombstoneFolder the sink's {@code tombstone.encoded.partition}: a {@code .keys} object
   *     without a value object in this folder is a tombstone object, anywhere else an orphan
   */
  public StreamAssembly(
      Function<ObjectKey, Optional<TimeInterval>> bucketOf, String tombstoneFolder) {
    this.bucketOf = bucketOf;
    this.tombstoneFolder = tombstoneFolder;
  }

  /** Adds a listed object of any role; {@code size} counts for value objects only. */
  public synchronized void add(ObjectKey key, long size) {
    partitions.computeIfAbsent(key.topicPartition(), tp -> new Rows()).add(key, size, false);
  }

  /**
   * Adds a value object that is not to be restored (pruned by the time of its last change): its
   * companions are dropped with it rather than counted as orphans.
   */
  public synchronized void addPruned(ObjectKey key) {
    partitions.computeIfAbsent(key.topicPartition(), tp -> new Rows()).add(key, 0, true);
  }

  /** The rows of one partition, before sorting: growable primitive arrays. */
  private final class Rows {
    int count;
    long[] offsets = new long[16];
    long[] sizes = new long[16];
    int[] folders = new int[16];

    /**
     * Extension, offset digits, role: a byte each; 0xff digits for a key kept whole. The bit above
     * them marks a pruned value object.
     */
    int[] meta = new int[16];

    final Map<Integer, ObjectKey> irregular = new HashMap<>();

    void add(ObjectKey key, long size, boolean pruned) {
      if (count == offsets.length) {
        int grown = count + (count >> 1) + 1;
        offsets = Arrays.copyOf(offsets, grown);
        sizes = Arrays.copyOf(sizes, grown);
        folders = Arrays.copyOf(folders, grown);
        meta = Arrays.copyOf(meta, grown);
      }
      int row = count++;
      offsets[row] = key.startOffset();
      sizes[row] = size;
      String keyPrefix = PartitionStream.keyPrefix(key);
      int digits = PartitionStream.offsetDigits(key, keyPrefix);
      int extension = names.extension(key.extension());
      if (keyPrefix == null
          || digits < 0
          || extension < 0
          || !key.folderTopic().equals(key.fileTopic())) {
        keepWhole(row, key);
      } else {
        int folder = names.folder(keyPrefix, key.folder(), () -> bucketOf.apply(key));
        folders[row] = folder;
        meta[row] = extension | digits << 8 | key.role().ordinal() << 16;
        if (!names.folderAt(folder).folder().equals(key.folder())) {
          keepWhole(row, key);
        }
      }
      if (pruned) {
        meta[row] |= PRUNED;
      }
    }

    private void keepWhole(int row, ObjectKey key) {
      meta[row] = BYTE << 8 | key.role().ordinal() << 16;
      folders[row] = -1 - irregular.size();
      irregular.put(row, key);
    }

    boolean pruned(int row) {
      return (meta[row] & PRUNED) != 0;
    }

    boolean whole(int row) {
      return (meta[row] >>> 8 & BYTE) == BYTE;
    }

    ObjectRole role(int row) {
      return ObjectRole.values()[meta[row] >>> 16 & BYTE];
    }

    String folder(int row, TopicPartition tp) {
      return whole(row) ? irregular.get(row).folder() : names.folderAt(folders[row]).folder();
    }

    /** A {@code .keys} object of the tombstone folder: a tombstone object if nothing pairs it. */
    boolean inTombstoneFolder(int row, TopicPartition tp) {
      return role(row) == ObjectRole.KEYS
          && !tombstoneFolder.isEmpty()
          && tombstoneFolder.equals(folder(row, tp));
    }

    ObjectKey key(int row, TopicPartition tp) {
      if (whole(row)) {
        return irregular.get(row);
      }
      return PartitionStream.objectKey(
          names,
          tp,
          folders[row],
          offsets[row],
          meta[row] >>> 8 & BYTE,
          role(row),
          meta[row] & BYTE);
    }
  }

  /** Sorts, pairs and packs every partition's rows; the assembly is spent afterwards. */
  public synchronized Built build() {
    List<PartitionStream> streams = new ArrayList<>(partitions.size());
    long companions = 0;
    long orphans = 0;
    long tombstones = 0;
    for (TopicPartition tp : new ArrayList<>(partitions.keySet())) {
      Rows rows = partitions.remove(tp);
      Packed packed = pack(tp, rows);
      companions += packed.companions;
      orphans += packed.orphans;
      tombstones += packed.tombstones;
      if (packed.stream.objectCount() > 0) {
        streams.add(packed.stream);
      }
    }
    return new Built(streams, companions, orphans, tombstones);
  }

  private record Packed(PartitionStream stream, long companions, long orphans, long tombstones) {}

  private Packed pack(TopicPartition tp, Rows rows) {
    int n = rows.count;
    // Rows by start offset, then folder, then role (values first): a group is a value object and
    // its companions.
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    IntSort.sort(
        order,
        (a, b) -> {
          int c = Long.compare(rows.offsets[a], rows.offsets[b]);
          if (c == 0) {
            c = Integer.compare(rows.folders[a], rows.folders[b]);
          }
          if (c == 0) {
            c = Integer.compare(rows.meta[a] >>> 16 & BYTE, rows.meta[b] >>> 16 & BYTE);
          }
          return c;
        });
    int values = 0;
    for (int i = 0; i < n; i++) {
      if ((rows.role(i) == ObjectRole.VALUES && !rows.pruned(i)) || rows.inTombstoneFolder(i, tp)) {
        values++;
      }
    }
    long[] offsets = new long[values];
    long[] sizes = new long[values];
    int[] folders = new int[values];
    int[] packed = new int[values];
    Map<Integer, BackupObject> whole = new HashMap<>();
    long companions = 0;
    long orphans = 0;
    long tombstones = 0;
    int out = 0;
    int i = 0;
    while (i < n) {
      int first = order[i];
      int end = i + 1;
      while (end < n
          && rows.offsets[order[end]] == rows.offsets[first]
          && rows.folders[order[end]] == rows.folders[first]) {
        end++;
      }
      int value = -1;
      int keys = -1;
      int headers = -1;
      boolean pruned = false;
      for (int j = i; j < end; j++) {
        int row = order[j];
        if (rows.pruned(row)) {
          pruned = true;
          continue;
        }
        switch (rows.role(row)) {
          case VALUES -> value = value < 0 ? row : value;
          case KEYS -> keys = keys < 0 ? row : keys;
          case HEADERS -> headers = headers < 0 ? row : headers;
        }
      }
      int groupCompanions = (keys < 0 ? 0 : 1) + (headers < 0 ? 0 : 1);
      if (value < 0 && pruned) {
        // The companions of a value object pruned by its last change go with it.
        i = end;
        continue;
      }
      if (value < 0 && keys >= 0 && rows.inTombstoneFolder(keys, tp)) {
        // The sinks write no value object for a tombstone: the keys object is the record.
        tombstones++;
        companions += headers < 0 ? 0 : 1;
        place(rows, tp, out++, keys, -1, headers, offsets, sizes, folders, packed, whole);
      } else if (value < 0) {
        orphans += groupCompanions;
        for (int companion : new int[] {keys, headers}) {
          if (companion >= 0) {
            ObjectKey orphan = rows.key(companion, tp);
            log.warn(
                "Skipping '{}': a {} object without its value object{}",
                orphan.key(),
                orphan.role().infix(),
                orphan.role() == ObjectRole.KEYS
                    ? "; if the sink wrote tombstones into its folder, set"
                        + " tombstone.encoded.partition to that folder (now '"
                        + tombstoneFolder
                        + "')"
                    : "");
          }
        }
      } else {
        // A value object with several copies (.json and .json.gz) keeps its first; the others
        // are restored as objects of their own, as before.
        for (int j = i; j < end; j++) {
          int row = order[j];
          if (rows.role(row) != ObjectRole.VALUES || rows.pruned(row)) {
            continue;
          }
          boolean main = row == value;
          int k = main ? keys : -1;
          int h = main ? headers : -1;
          if (main) {
            companions += groupCompanions;
          }
          place(rows, tp, out++, row, k, h, offsets, sizes, folders, packed, whole);
        }
      }
      i = end;
    }
    PartitionStream stream =
        new PartitionStream(tp, names, out, offsets, sizes, folders, packed, whole);
    return new Packed(
        sortTies(tp, names, stream, offsets, sizes, folders, packed, whole),
        companions,
        orphans,
        tombstones);
  }

  /**
   * Writes one planned object at {@code out}: a value object with its companions, or, where the
   * main row is a {@code .keys} object, a tombstone object with its headers. Packed into the arrays
   * when every key rebuilds from its parts with one digit count, kept whole otherwise.
   *
   * @param main the value object's row, or the tombstone's keys row
   * @param keys the keys companion's row, or -1
   * @param headers the headers companion's row, or -1
   */
  private void place(
      Rows rows,
      TopicPartition tp,
      int out,
      int main,
      int keys,
      int headers,
      long[] offsets,
      long[] sizes,
      int[] folders,
      int[] packed,
      Map<Integer, BackupObject> whole) {
    boolean tombstone = rows.role(main) == ObjectRole.KEYS;
    offsets[out] = rows.offsets[main];
    sizes[out] = rows.sizes[main];
    int digits = rows.meta[main] >>> 8 & BYTE;
    boolean regular =
        !rows.whole(main)
            && (keys < 0 || (!rows.whole(keys) && (rows.meta[keys] >>> 8 & BYTE) == digits))
            && (headers < 0
                || (!rows.whole(headers) && (rows.meta[headers] >>> 8 & BYTE) == digits));
    if (regular) {
      folders[out] = rows.folders[main];
      int extension = rows.meta[main] & BYTE;
      int headersExtension = headers < 0 ? 0 : (rows.meta[headers] & BYTE) + 1;
      packed[out] =
          tombstone
              ? PartitionStream.packTombstone(extension, headersExtension, digits)
              : PartitionStream.pack(
                  extension, keys < 0 ? 0 : (rows.meta[keys] & BYTE) + 1, headersExtension, digits);
      return;
    }
    ObjectKey mainKey = rows.key(main, tp);
    Optional<ObjectKey> headersKey =
        headers < 0 ? Optional.empty() : Optional.of(rows.key(headers, tp));
    whole.put(
        out,
        tombstone
            ? BackupObject.tombstones(
                mainKey, rows.sizes[main], headersKey, bucketOf.apply(mainKey))
            : new BackupObject(
                mainKey,
                rows.sizes[main],
                keys < 0 ? Optional.empty() : Optional.of(rows.key(keys, tp)),
                headersKey,
                bucketOf.apply(mainKey)));
  }

  /**
   * Objects with one start offset in different folders (a sink rewrite) are sorted by folder index
   * so far; restore order wants them by key. Such runs are rare and short: they are sorted in
   * place.
   */
  private static PartitionStream sortTies(
      TopicPartition tp,
      StreamNames names,
      PartitionStream stream,
      long[] offsets,
      long[] sizes,
      int[] folders,
      int[] packed,
      Map<Integer, BackupObject> whole) {
    int n = stream.objectCount();
    boolean changed = false;
    Map<Integer, BackupObject> sortedWhole = new HashMap<>();
    int i = 0;
    while (i < n) {
      int end = i + 1;
      while (end < n && offsets[end] == offsets[i]) {
        end++;
      }
      if (end - i == 1) {
        if (whole.containsKey(i)) {
          sortedWhole.put(i, whole.get(i));
        }
        i = end;
        continue;
      }
      int from = i;
      List<Integer> run = new ArrayList<>();
      for (int j = from; j < end; j++) {
        run.add(j);
      }
      run.sort((a, b) -> stream.object(a).objectKey().compareTo(stream.object(b).objectKey()));
      long[] runOffsets = Arrays.copyOfRange(offsets, from, end);
      long[] runSizes = Arrays.copyOfRange(sizes, from, end);
      int[] runFolders = Arrays.copyOfRange(folders, from, end);
      int[] runPacked = Arrays.copyOfRange(packed, from, end);
      for (int k = 0; k < run.size(); k++) {
        int source = run.get(k);
        int target = from + k;
        changed |= source != target;
        offsets[target] = runOffsets[source - from];
        sizes[target] = runSizes[source - from];
        folders[target] = runFolders[source - from];
        packed[target] = runPacked[source - from];
        if (whole.containsKey(source)) {
          sortedWhole.put(target, whole.get(source));
        }
      }
      i = end;
    }
    if (!changed) {
      return stream;
    }
    return new PartitionStream(tp, names, n, offsets, sizes, folders, packed, sortedWhole);
  }
}
