package io.timeshard.quickstart;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The LIST and GET calls a {@link MeasuredObjectStore} sent, and the keys it read, under a name
 * shared by the benchmark and the stores the worker creates in the same process.
 */
public final class StoreCalls {

  private static final Map<String, StoreCalls> BY_NAME = new ConcurrentHashMap<>();

  private final AtomicLong lists = new AtomicLong();
  private final AtomicLong gets = new AtomicLong();
  private final Set<String> keysRead = ConcurrentHashMap.newKeySet();

  /** The counters under {@code name}, created at first use. */
  public static StoreCalls named(String name) {
    return BY_NAME.computeIfAbsent(name, n -> new StoreCalls());
  }

  /** Counts one LIST call. */
  public void listed() {
    lists.incrementAndGet();
  }

  /** Counts one GET of {@code key}. */
  public void read(String key) {
    gets.incrementAndGet();
    keysRead.add(key);
  }

  /** LIST calls (one per page). */
  public long lists() {
    return lists.get();
  }

  /** GET calls (one per object opened). */
  public long gets() {
    return gets.get();
  }

  /** The distinct keys opened. */
  public Set<String> keysRead() {
    return Set.copyOf(keysRead);
  }
}
