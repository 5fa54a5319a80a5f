package io.timeshard.cli.offsets;

import io.timeshard.connect.restore.OriginHeader;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The origins of one restored partition's records, in restored order, read from the header each
 * restored record carries ({@link OriginHeader}); maps a consumer group's committed original offset
 * to a restored offset that skips no record.
 *
 * <p>What the backup proves about a record at index {@code i} of an object starting at {@code s}:
 * its original offset is at least {@code s + i}, and exactly {@code s} for the first record (the
 * sinks name an object by its first record's offset). When the object's record count {@code k}
 * equals the distance to the next object's start {@code n}, its offsets are contiguous and record
 * {@code i} was at exactly {@code s + i}. Otherwise (compaction, transaction markers, aborted or
 * skipped records took offsets) record {@code i} lies at most at {@code n - k + i}, as long as the
 * partition's objects do not interleave; where the layout lets a sink keep several objects of one
 * partition open at once, a record after an object's first has no upper bound.
 */
public final class OriginIndex {

  /** How a committed offset was mapped. */
  public enum Kind {
    /** No record is seen twice and none is skipped. */
    EXACT("exact"),
    /** Some records the group processed may be seen again; none is skipped. */
    CONSERVATIVE("conservative"),
    /** The committed offset lies before the first restored record: the partition's first one. */
    BEFORE_FIRST("first restored record (committed offset before it)"),
    /** Every restored record lies before the committed offset: the partition's end. */
    AFTER_LAST("end (committed offset after the last restored record)");

    private final String text;

    Kind(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * A translation.
   *
   * @param restoredOffset the offset to commit in the restored partition
   * @param mayRedeliver how many records at or after it may have original offsets before the
   *     committed one (records the group already processed)
   */
  public record Translation(Kind kind, long restoredOffset, long mayRedeliver) {}

  private final boolean mayInterleave;
  private long[] restored = new long[64];
  private long[] start = new long[64];
  private long[] index = new long[64];
  private int size;
  private long endOffset;
  private long withoutOrigin;
  private final TreeSet<Long> starts = new TreeSet<>();
  private final Map<Long, Long> counts = new HashMap<>();

  /**
   * @param mayInterleave true when the layout lets the sink write several objects of one Kafka
   *     partition at once, so that their offsets may interleave
   */
  public OriginIndex(boolean mayInterleave) {
    this.mayInterleave = mayInterleave;
  }

  /** Adds the next restored record. */
  public void add(long restoredOffset, OriginHeader origin) {
    if (size == restored.length) {
      restored = Arrays.copyOf(restored, size * 2);
      start = Arrays.copyOf(start, size * 2);
      index = Arrays.copyOf(index, size * 2);
    }
    restored[size] = restoredOffset;
    start[size] = origin.start();
    index[size] = origin.index();
    size++;
    starts.add(origin.start());
    if (origin.last()) {
      counts.put(origin.start(), origin.index() + 1);
    }
  }

  /** Counts a restored record without the origin header (not written by the restore). */
  public void addWithoutOrigin() {
    withoutOrigin++;
  }

  /** The offset after the restored partition's last record. */
  public void endOffset(long endOffset) {
    this.endOffset = endOffset;
  }

  public int size() {
    return size;
  }

  public long withoutOrigin() {
    return withoutOrigin;
  }

  /** The least original offset record {@code j} can have had. */
  long lower(int j) {
    return start[j] + index[j];
  }

  /** The greatest original offset record {@code j} can have had; {@code Long.MAX_VALUE}: none. */
  long upper(int j) {
    long s = start[j];
    long i = index[j];
    if (i == 0) {
      return s;
    }
    Long next = starts.higher(s);
    if (next == null || mayInterleave) {
      return Long.MAX_VALUE;
    }
    long n = next;
    Long count = counts.get(s);
    if (count != null) {
      if (s + count == n) {
        return s + i;
      }
      // More records than offsets before the next object: the objects interleave.
      return s + count > n ? Long.MAX_VALUE : n - count + i;
    }
    return s + i > n - 1 ? Long.MAX_VALUE : n - 1;
  }

  /**
   * The restored offset for a committed original offset: the first restored record whose original
   * offset may be at or after it, so that no record the group has not processed is skipped.
   */
  public Translation translate(long committed) {
    int first = -1;
    for (int j = 0; j < size; j++) {
      if (upper(j) >= committed) {
        first = j;
        break;
      }
    }
    if (first < 0) {
      return new Translation(Kind.AFTER_LAST, endOffset, 0);
    }
    long again = 0;
    for (int j = first; j < size; j++) {
      if (lower(j) < committed) {
        again++;
      }
    }
    Kind kind;
    if (again > 0) {
      kind = Kind.CONSERVATIVE;
    } else if (first == 0 && committed < lower(0)) {
      kind = Kind.BEFORE_FIRST;
    } else {
      kind = Kind.EXACT;
    }
    return new Translation(kind, restored[first], again);
  }
}
