package io.timeshard.partitioner;

import io.timeshard.partitioner.key.ExtensionTable;
import io.timeshard.partitioner.key.ObjectKey;
import io.timeshard.partitioner.key.ObjectRole;
import java.util.AbstractList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import org.apache.kafka.common.TopicPartition;

/**
 * Everything the backup holds for one Kafka partition, in the order it must be restored: value
 * objects by start offset, compared as numbers.
 *
 * <p>A stream of a million objects must not hold a million objects: each planned object is kept in
 * primitive arrays (start offset, size, the index of its folder and packed extensions), about 24
 * bytes, and {@link #objects()} builds a {@link BackupObject} only when one is asked for. Folders
 * and extensions are held once per plan. The rare key that does not read back from these parts
 * exactly (a partition written with leading zeros, say) is kept whole.
 */
public final class PartitionStream {

  /** Start offset, then key: two objects with one start offset (a sink rewrite) keep both. */
  public static final Comparator<BackupObject> RESTORE_ORDER =
      Comparator.comparingLong(BackupObject::startOffset).thenComparing(BackupObject::objectKey);

  private static final int BYTE = 0xff;

  /** Offset digits are below 128: the top bit of {@link #packed} marks a tombstone object. */
  private static final int DIGITS = 0x7f;

  private static final int TOMBSTONE = 1 << 31;

  private final TopicPartition topicPartition;
  private final StreamNames names;
  private final int count;
  private final long[] offsets;
  private final long[] sizes;
  private final int[] folders;

  /** Value extension, keys extension + 1, headers extension + 1, offset digits: a byte each. */
  private final int[] packed;

  private final Map<Integer, BackupObject> irregular;
  private final long bytes;
  private final List<BackupObject> view = new ObjectView();

  /** A stream of the given objects, sorted into restore order. */
  public PartitionStream(TopicPartition topicPartition, List<BackupObject> objects) {
    this.topicPartition = Objects.requireNonNull(topicPartition, "topicPartition");
    List<BackupObject> sorted = objects.stream().sorted(RESTORE_ORDER).toList();
    this.names = new StreamNames();
    this.count = sorted.size();
    this.offsets = new long[count];
    this.sizes = new long[count];
    this.folders = new int[count];
    this.packed = new int[count];
    this.irregular = new HashMap<>();
    long total = 0;
    for (int i = 0; i < count; i++) {
      BackupObject object = sorted.get(i);
      offsets[i] = object.startOffset();
      sizes[i] = object.size();
      total += object.size();
      if (!encode(i, object)) {
        irregular.put(i, object);
      }
    }
    this.bytes = total;
  }

  /** For {@link StreamAssembly}: arrays already in restore order. */
  PartitionStream(
      TopicPartition topicPartition,
      StreamNames names,
      int count,
      long[] offsets,
      long[] sizes,
      int[] folders,
      int[] packed,
      Map<Integer, BackupObject> irregular) {
    this.topicPartition = topicPartition;
    this.names = names;
    this.count = count;
    this.offsets = offsets;
    this.sizes = sizes;
    this.folders = folders;
    this.packed = packed;
    this.irregular = irregular;
    long total = 0;
    for (int i = 0; i < count; i++) {
      total += sizes[i];
    }
    this.bytes = total;
  }

  private boolean encode(int i, BackupObject object) {
    ObjectKey key = object.key();
    if (!key.topicPartition().equals(topicPartition) || key.role() != ObjectRole.VALUES) {
      return false;
    }
    int digits = offsetDigits(key);
    int valueExtension = names.extension(key.extension());
    if (digits < 0 || valueExtension < 0) {
      return false;
    }
    String keyPrefix = keyPrefix(key);
    int folder = names.folder(keyPrefix, key.folder(), object::bucket);
    if (!names.folderAt(folder).bucket().equals(object.bucket())
        || !names.folderAt(folder).folder().equals(key.folder())) {
      return false;
    }
    int keysExtension = companionExtension(object.keys(), key, digits, ObjectRole.KEYS);
    int headersExtension = companionExtension(object.headers(), key, digits, ObjectRole.HEADERS);
    if (keysExtension < 0 || headersExtension < 0) {
      return false;
    }
    folders[i] = folder;
    packed[i] = pack(valueExtension, keysExtension, headersExtension, digits);
    return objectKey(i, ObjectRole.VALUES, valueExtension).equals(key)
        && object.keys().equals(companion(i, ObjectRole.KEYS))
        && object.headers().equals(companion(i, ObjectRole.HEADERS));
  }

  /** 0 for none, else the extension index + 1; -1 when the companion is not regular. */
  private int companionExtension(
      Optional<ObjectKey> companion, ObjectKey value, int digits, ObjectRole role) {
    if (companion.isEmpty()) {
      return 0;
    }
    ObjectKey key = companion.get();
    if (key.role() != role
        || key.startOffset() != value.startOffset()
        || !key.topicPartition().equals(value.topicPartition())
        || offsetDigits(key) != digits
        || !keyPrefix(key).equals(keyPrefix(value))) {
      return -1;
    }
    int extension = names.extension(key.extension());
    return extension < 0 ? -1 : extension + 1;
  }

  /**
   * A tombstone object: its {@code .keys} object's extension where a value object's would be, no
   * keys companion, and the top bit set.
   */
  static int packTombstone(int keysExtension, int headersExtension, int digits) {
    return pack(keysExtension, 0, headersExtension, digits) | TOMBSTONE;
  }

  static int pack(int valueExtension, int keysExtension, int headersExtension, int digits) {
    return (valueExtension & BYTE)
        | (keysExtension & BYTE) << 8
        | (headersExtension & BYTE) << 16
        | (digits & BYTE) << 24;
  }

  /** The file name's start: {@code <topic>+<partition>+}. */
  static String fileNamePrefix(TopicPartition tp) {
    return tp.topic() + "+" + tp.partition() + "+";
  }

  /** Everything before the file name, or {@code null} when the key does not end in one. */
  static String keyPrefix(ObjectKey key) {
    int start = key.key().lastIndexOf(fileNamePrefix(key.topicPartition()));
    return start < 0 ? null : key.key().substring(0, start);
  }

  /** How many digits the key writes its start offset with, or -1. */
  static int offsetDigits(ObjectKey key) {
    return offsetDigits(key, keyPrefix(key));
  }

  /** {@link #offsetDigits(ObjectKey)} of a key whose {@link #keyPrefix} is {@code prefix}. */
  static int offsetDigits(ObjectKey key, String prefix) {
    if (prefix == null) {
      return -1;
    }
    int digits =
        key.key().length()
            - prefix.length()
            - fileNamePrefix(key.topicPartition()).length()
            - key.role().infix().length()
            - key.extension().suffix().length();
    return digits > 0 && digits < 128 ? digits : -1;
  }

  static String paddedOffset(long offset, int digits) {
    String text = Long.toString(offset);
    if (text.length() >= digits) {
      return text;
    }
    StringBuilder padded = new StringBuilder(digits);
    for (int i = text.length(); i < digits; i++) {
      padded.append('0');
    }
    return padded.append(text).toString();
  }

  private ObjectKey objectKey(int i, ObjectRole role, int extensionIndex) {
    return objectKey(
        names,
        topicPartition,
        folders[i],
        offsets[i],
        packed[i] >>> 24 & DIGITS,
        role,
        extensionIndex);
  }

  /** Builds a key back from its parts. */
  static ObjectKey objectKey(
      StreamNames names,
      TopicPartition tp,
      int folderIndex,
      long offset,
      int digits,
      ObjectRole role,
      int extensionIndex) {
    StreamNames.Folder folder = names.folderAt(folderIndex);
    ExtensionTable.Extension extension = names.extensionAt(extensionIndex);
    String key =
        folder.keyPrefix()
            + fileNamePrefix(tp)
            + paddedOffset(offset, digits)
            + role.infix()
            + extension.suffix();
    return new ObjectKey(
        key, tp.topic(), folder.folder(), tp.topic(), tp.partition(), offset, role, extension);
  }

  private Optional<ObjectKey> companion(int i, ObjectRole role) {
    int shift = role == ObjectRole.KEYS ? 8 : 16;
    int extension = packed[i] >>> shift & BYTE;
    return extension == 0 ? Optional.empty() : Optional.of(objectKey(i, role, extension - 1));
  }

  /** The object at {@code index} in restore order, built on each call. */
  public BackupObject object(int index) {
    Objects.checkIndex(index, count);
    BackupObject kept = irregular.get(index);
    if (kept != null) {
      return kept;
    }
    if ((packed[index] & TOMBSTONE) != 0) {
      return BackupObject.tombstones(
          objectKey(index, ObjectRole.KEYS, packed[index] & BYTE),
          sizes[index],
          companion(index, ObjectRole.HEADERS),
          names.folderAt(folders[index]).bucket());
    }
    return new BackupObject(
        objectKey(index, ObjectRole.VALUES, packed[index] & BYTE),
        sizes[index],
        companion(index, ObjectRole.KEYS),
        companion(index, ObjectRole.HEADERS),
        names.folderAt(folders[index]).bucket());
  }

  /** The start offset of the object at {@code index}, without building it. */
  public long startOffset(int index) {
    Objects.checkIndex(index, count);
    return offsets[index];
  }

  /** The size of the object at {@code index}, without building it. */
  public long size(int index) {
    Objects.checkIndex(index, count);
    return sizes[index];
  }

  /** The sizes of the objects from {@code from} (inclusive) to {@code to} (exclusive). */
  public long bytes(int from, int to) {
    long total = 0;
    for (int i = from; i < to; i++) {
      total += sizes[i];
    }
    return total;
  }

  /** The start of the newest time folder the plan of this stream saw, for time-based layouts. */
  public Optional<Long> newestBucketStart() {
    return names.newestBucketStart();
  }

  public TopicPartition topicPartition() {
    return topicPartition;
  }

  /** The objects in restore order: a view that builds each one when it is read. */
  public List<BackupObject> objects() {
    return view;
  }

  public long bytes() {
    return bytes;
  }

  public int objectCount() {
    return count;
  }

  /** The heap the stream's arrays take, in bytes: what a planned object costs, for measurements. */
  public long arrayBytes() {
    return (long) offsets.length * Long.BYTES
        + (long) sizes.length * Long.BYTES
        + (long) folders.length * Integer.BYTES
        + (long) packed.length * Integer.BYTES;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PartitionStream that
        && topicPartition.equals(that.topicPartition)
        && objects().equals(that.objects());
  }

  @Override
  public int hashCode() {
    return Objects.hash(topicPartition, count, bytes);
  }

  @Override
  public String toString() {
    return "PartitionStream[topicPartition="
        + topicPartition
        + ", objects="
        + count
        + ", bytes="
        + bytes
        + "]";
  }

  /** Builds each object as it is read; sublists of it hold no objects either. */
  private final class ObjectView extends AbstractList<BackupObject> implements RandomAccess {
    @Override
    public BackupObject get(int index) {
      return object(index);
    }

    @Override
    public int size() {
      return count;
    }
  }
}
