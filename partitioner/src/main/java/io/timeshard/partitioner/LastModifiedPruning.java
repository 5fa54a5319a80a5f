package io.timeshard.partitioner;

import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.time.TimeInterval;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Sets aside the value objects that were last changed before a cutoff: the start of the restore
 * window less a tolerance.
 *
 * <p>An object's {@code lastModified} is the time the sink finished uploading it, after every
 * record in it was produced; a record's timestamp (and a field that {@code InsertField} filled from
 * it) is at most its produce time. So an object last modified before the window starts holds no
 * record of the window, up to clock skew between producers and the store, which the tolerance
 * covers. Copying a backup only makes {@code lastModified} later: it prunes less, never loses a
 * record. Objects whose {@code lastModified} is unknown, or that the store dates otherwise (see
 * {@link #keeping}), are always kept.
 *
 * <p>There is no pruning against the window's end: an object uploaded after the window can still
 * hold records from inside it (a file rotates when it is full or its time is up, a flush comes
 * late).
 */
public final class LastModifiedPruning {

  /** Prunes nothing. */
  public static final LastModifiedPruning NONE = new LastModifiedPruning(null, object -> true);

  private final Instant cutoff;
  private final Predicate<ListedObject> kept;

  private LastModifiedPruning(Instant cutoff, Predicate<ListedObject> kept) {
    this.cutoff = cutoff;
    this.kept = kept;
  }

  /** Prunes the objects last modified strictly before {@code cutoff}. */
  public static LastModifiedPruning before(Instant cutoff) {
    return new LastModifiedPruning(Objects.requireNonNull(cutoff, "cutoff"), object -> false);
  }

  /**
   * Prunes the objects last modified before {@code window}'s start less {@code tolerance}; nothing
   * when the window has no start.
   */
  public static LastModifiedPruning forWindow(TimeInterval window, Duration tolerance) {
    if (window.startMillis() == Long.MIN_VALUE) {
      return NONE;
    }
    return before(Instant.ofEpochMilli(window.startMillis()).minus(tolerance));
  }

  /** The same cutoff, also keeping every object {@code keep} accepts. */
  public LastModifiedPruning keeping(Predicate<ListedObject> keep) {
    if (cutoff == null) {
      return this;
    }
    Predicate<ListedObject> before = kept;
    return new LastModifiedPruning(cutoff, object -> before.test(object) || keep.test(object));
  }

  /** True when {@code object} was last modified before the cutoff and may be skipped. */
  public boolean prunes(ListedObject object) {
    Instant lastModified = object.lastModified();
    return cutoff != null
        && lastModified != null
        && lastModified.isBefore(cutoff)
        && !kept.test(object);
  }

  /** The cutoff; empty when nothing is pruned. */
  public Optional<Instant> cutoff() {
    return Optional.ofNullable(cutoff);
  }

  @Override
  public String toString() {
    return cutoff == null ? "no pruning by lastModified" : "lastModified before " + cutoff;
  }
}
