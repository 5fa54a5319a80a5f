package io.timeshard.quickstart;

import io.timeshard.connect.store.ObjectStore;
import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.listing.ListingPage;
import java.io.IOException;
import java.io.InputStream;

/**
 * A store that waits a fixed time before each request it passes on, as a cloud region's round trip
 * would, and counts the requests in {@link StoreCalls}.
 */
public final class MeasuredObjectStore implements ObjectStore {

  private final ObjectStore store;
  private final long latencyMs;
  private final StoreCalls calls;

  public MeasuredObjectStore(ObjectStore store, long latencyMs, StoreCalls calls) {
    this.store = store;
    this.latencyMs = latencyMs;
    this.calls = calls;
  }

  @Override
  public ListingPage list(String prefix, String delimiter, String pageToken) {
    calls.listed();
    delay();
    return store.list(prefix, delimiter, pageToken);
  }

  @Override
  public ListingPage listAfter(
      String prefix, String delimiter, String startAfter, String pageToken) {
    calls.listed();
    delay();
    return store.listAfter(prefix, delimiter, startAfter, pageToken);
  }

  @Override
  public boolean listsFromAKey() {
    return store.listsFromAKey();
  }

  @Override
  public InputStream open(String key) throws IOException {
    calls.read(key);
    delay();
    return store.open(key);
  }

  @Override
  public InputStream open(String key, long offset, long length) throws IOException {
    calls.read(key);
    delay();
    return store.open(key, offset, length);
  }

  /** The store's own answer (a metadata request, as late as a read), not a read through. */
  @Override
  public long size(String key) throws IOException {
    delay();
    return store.size(key);
  }

  @Override
  public boolean lastModifiedFollowsLastByte(ListedObject object) {
    return store.lastModifiedFollowsLastByte(object);
  }

  private void delay() {
    if (latencyMs <= 0) {
      return;
    }
    try {
      Thread.sleep(latencyMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting out the store's latency", e);
    }
  }

  @Override
  public void onThrottled(Runnable listener) {
    store.onThrottled(listener);
  }

  @Override
  public String describe() {
    return store.describe() + (latencyMs > 0 ? " (+" + latencyMs + " ms a request)" : "");
  }

  @Override
  public void close() {
    store.close();
  }
}
