package io.timeshard.partitioner.layout;

import io.timeshard.partitioner.listing.ListingPage;
import io.timeshard.partitioner.listing.ObjectLister;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store as the planner's tests see it: each LIST request takes a little while, as a store's does,
 * and is recorded, with the most requests in flight at once.
 */
final class RecordingLister implements ObjectLister {

  /** One LIST request as the store saw it. */
  record Call(String prefix, String delimiter, String token) {}

  final List<Call> calls = new ArrayList<>();
  final AtomicInteger most = new AtomicInteger();
  private final AtomicInteger now = new AtomicInteger();
  private final ObjectLister delegate;
  private final long delayMs;

  RecordingLister(ObjectLister delegate, long delayMs) {
    this.delegate = delegate;
    this.delayMs = delayMs;
  }

  @Override
  public ListingPage list(String prefix, String delimiter, String pageToken) {
    synchronized (calls) {
      calls.add(new Call(prefix, delimiter, pageToken));
    }
    most.accumulateAndGet(now.incrementAndGet(), Math::max);
    try {
      Thread.sleep(delayMs);
      return delegate.list(prefix, delimiter, pageToken);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      now.decrementAndGet();
    }
  }

  /** The prefixes listed flat, in the order of the requests. */
  List<String> flat() {
    return calls.stream().filter(c -> c.delimiter() == null).map(Call::prefix).toList();
  }

  /** The prefixes listed one level (with a delimiter), in the order of the requests. */
  List<String> byFolder() {
    return calls.stream().filter(c -> c.delimiter() != null).map(Call::prefix).toList();
  }
}
