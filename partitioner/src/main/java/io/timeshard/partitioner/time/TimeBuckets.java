package io.timeshard.partitioner.time;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.joda.time.DateTimeZone;
import org.joda.time.LocalDateTime;
import org.joda.time.format.DateTimeFormatter;

/**
 * Turns the time folders a time-based sink wrote back into the instants they cover.
 *
 * <p>The sink puts a record with timestamp {@code t} into the bucket that starts at {@code
 * floor(local(t) / duration) * duration}, where {@code local(t)} is {@code t} on the wall clock of
 * the configured time zone counted as epoch milliseconds, and names the folder by printing that
 * bucket start with {@code path.format}. So a folder covers every {@code t} whose {@code local(t)}
 * lies between the first bucket start at or after the folder's wall-clock start and the first
 * bucket start at or after its wall-clock end. Those wall-clock bounds become instants with the
 * zone rules: in an autumn hour that repeats, the folder covers both passes; a spring hour that
 * does not exist covers nothing.
 *
 * <p>Intervals err on the side of covering more, never less: pruning with them must not lose a
 * record.
 */
public final class TimeBuckets {

  private static final long DAY_MS = 24L * 60 * 60 * 1000;

  private final String pathFormat;
  private final long durationMs;
  private final DateTimeZone zone;
  private final List<PathFormatLevel> levels;
  private final boolean chronological;

  private TimeBuckets(String pathFormat, long durationMs, Locale locale, DateTimeZone zone) {
    if (durationMs <= 0) {
      throw new IllegalArgumentException("partition duration must be positive: " + durationMs);
    }
    this.pathFormat = pathFormat;
    this.durationMs = durationMs;
    this.zone = zone;
    this.levels = PathFormatLevel.split(pathFormat, locale);
    this.chronological = PathFormatLevel.sortsChronologically(pathFormat);
  }

  /**
   * @param pathFormat the sink's {@code path.format}, a Joda-Time pattern
   * @param durationMs the sink's {@code partition.duration.ms}
   * @param locale the sink's {@code locale}
   * @param zone the sink's {@code timezone}
   */
  public static TimeBuckets of(
      String pathFormat, long durationMs, Locale locale, DateTimeZone zone) {
    return new TimeBuckets(pathFormat, durationMs, locale, zone);
  }

  public String pathFormat() {
    return pathFormat;
  }

  public long durationMs() {
    return durationMs;
  }

  public DateTimeZone zone() {
    return zone;
  }

  /** How many folder levels {@code path.format} writes. */
  public int levels() {
    return levels.size();
  }

  /**
   * Whether the folder paths sort as text in the order of their times (fixed-width numeric fields,
   * most significant first): then every folder that can hold an instant at or after some instant
   * sorts at or after {@link #folderFrom(long)} of it.
   */
  public boolean sortsChronologically() {
    return chronological;
  }

  /**
   * The path of the earliest folder that can hold an instant at or after {@code instant}, without a
   * trailing {@code /}, for a layout whose folders {@linkplain #sortsChronologically() sort
   * chronologically}: every folder that holds such an instant sorts at or after it as text. Where
   * the zone sets its clocks back within two days after {@code instant}, the folder of the earliest
   * wall-clock time read after it.
   *
   * @return empty when the folders do not sort chronologically
   */
  public Optional<String> folderFrom(long instant) {
    if (!chronological) {
      return Optional.empty();
    }
    long wall = local(instant);
    if (!zone.isFixed()) {
      long t = instant;
      for (int i = 0; i < 8; i++) {
        long next = zone.nextTransition(t);
        if (next <= t || next > instant + 2 * DAY_MS) {
          break;
        }
        wall = Math.min(wall, local(next));
        t = next;
      }
    }
    long bucketStart = Math.floorDiv(wall, durationMs) * durationMs;
    String path = levels.get(levels.size() - 1).print(bucketStart);
    return Optional.of(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
  }

  /**
   * The instants a folder covers. The path may be complete or only its leading levels ({@code
   * 2025/}, {@code 2025/05/}); a trailing {@code /} is ignored.
   *
   * @return empty when the path does not fit {@code path.format}
   */
  public Optional<TimeInterval> intervalOf(String folderPath) {
    String path =
        folderPath.endsWith("/") ? folderPath.substring(0, folderPath.length() - 1) : folderPath;
    if (path.isEmpty()) {
      return Optional.of(TimeInterval.ALL);
    }
    int depth = path.split("/", -1).length;
    if (depth > levels.size()) {
      return Optional.empty();
    }
    PathFormatLevel level = levels.get(depth - 1);
    Optional<LocalDateTime> wallStart = level.parse(path);
    if (wallStart.isEmpty()) {
      return Optional.empty();
    }
    long localStart = wallMillis(wallStart.get());
    long localEnd = wallMillis(level.next(wallStart.get()));
    long firstBucket = Math.floorDiv(localStart, durationMs) * durationMs;
    long endBucket = ceilTo(localEnd, durationMs);
    long start = firstInstantReaching(firstBucket);
    long end = lastInstantReaching(endBucket);
    return Optional.of(new TimeInterval(start, Math.max(start, end)));
  }

  private static long wallMillis(LocalDateTime wall) {
    return wall.toDateTime(DateTimeZone.UTC).getMillis();
  }

  private static long ceilTo(long value, long step) {
    return -Math.floorDiv(-value, step) * step;
  }

  private long local(long instant) {
    return instant + zone.getOffset(instant);
  }

  /** The earliest instant whose wall clock reads {@code localMillis} or later. */
  private long firstInstantReaching(long localMillis) {
    List<Long> crossings = crossings(localMillis);
    return crossings.isEmpty() ? localMillis - zone.getOffset(localMillis) : crossings.get(0);
  }

  /** The instant after which the wall clock never again reads earlier than {@code localMillis}. */
  private long lastInstantReaching(long localMillis) {
    List<Long> crossings = crossings(localMillis);
    return crossings.isEmpty()
        ? localMillis - zone.getOffset(localMillis)
        : crossings.get(crossings.size() - 1);
  }

  /**
   * The instants at which the wall clock moves from before {@code localMillis} to at or after it,
   * ascending: one in ordinary times; at a spring gap that skips it, the transition.
   */
  private List<Long> crossings(long localMillis) {
    TreeSet<Long> candidates = new TreeSet<>();
    for (int offset : offsetsAround(localMillis)) {
      candidates.add(localMillis - offset);
    }
    candidates.addAll(transitionsAround(localMillis));
    List<Long> crossings = new ArrayList<>();
    for (long t : candidates) {
      if (local(t) >= localMillis && local(t - 1) < localMillis) {
        crossings.add(t);
      }
    }
    return crossings;
  }

  private List<Integer> offsetsAround(long localMillis) {
    List<Integer> offsets = new ArrayList<>();
    offsets.add(zone.getOffset(localMillis - 2 * DAY_MS));
    for (long transition : transitionsAround(localMillis)) {
      offsets.add(zone.getOffset(transition - 1));
      offsets.add(zone.getOffset(transition));
    }
    return offsets;
  }

  private List<Long> transitionsAround(long localMillis) {
    if (zone.isFixed()) {
      return Collections.emptyList();
    }
    List<Long> transitions = new ArrayList<>();
    long from = localMillis - 2 * DAY_MS;
    long until = localMillis + 2 * DAY_MS;
    long t = zone.nextTransition(from);
    while (t > from && t <= until) {
      transitions.add(t);
      long next = zone.nextTransition(t);
      if (next == t) {
        break;
      }
      from = t;
      t = next;
    }
    return transitions;
  }

  @Override
  public String toString() {
    return "TimeBuckets{path.format='"
        + pathFormat
        + "', partition.duration.ms="
        + durationMs
        + ", timezone="
        + zone.getID()
        + "}";
  }

  /** Formatter helper kept here so callers need no Joda types. */
  static DateTimeFormatter formatterFor(String pattern, Locale locale) {
    return org.joda.time.format.DateTimeFormat.forPattern(pattern)
        .withLocale(locale)
        .withZone(DateTimeZone.UTC);
  }
}
