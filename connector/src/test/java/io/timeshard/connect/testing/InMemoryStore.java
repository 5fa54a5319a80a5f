package io.timeshard.connect.testing;

import io.timeshard.connect.store.ObjectNotFoundException;
import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.StoreException;
import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.listing.ListingPage;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An object store in memory: paged, shuffled listings, and counters of what was listed, opened and
 * read, for unit tests of the task.
 */
public final class InMemoryStore implements ObjectStore {

  private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();
  private final Map<String, Instant> lastModified = new ConcurrentHashMap<>();
  private final int pageSize;
  private final Random random = new Random(1);
  public final AtomicInteger listCalls = new AtomicInteger();
  public final AtomicInteger opens = new AtomicInteger();
  public final AtomicInteger openAttempts = new AtomicInteger();
  public final AtomicLong bytesRead = new AtomicLong();
  public final Set<String> openedKeys = ConcurrentHashMap.newKeySet();

  /** Whether listings start at a key, as S3's and GCS's do; otherwise as Azure's, filtered. */
  public volatile boolean fromAKey;

  /** Every LIST request: its prefix, and {@code " after <key>"} for one that starts at a key. */
  public final List<String> listings = java.util.Collections.synchronizedList(new ArrayList<>());

  /** Runs before every LIST request: a test slows the store down or makes it fail with it. */
  public volatile Runnable beforeList = () -> {};

  /** Failures to open objects with, by key: a refusal, say. */
  public final Map<String, StoreException> refusals = new ConcurrentHashMap<>();

  /**
   * Opens of these objects fail this many times more with a server error, as a store that its
   * client's retries did not get through to does, then succeed.
   */
  public final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

  /** How long every open takes, as a store's latency. */
  public volatile long openDelayMillis;

  /** Reads of these objects break off once, after that many bytes, as a reset connection does. */
  public final Map<String, Integer> breaksOnce = new ConcurrentHashMap<>();

  public InMemoryStore(int pageSize) {
    this.pageSize = pageSize;
  }

  public InMemoryStore() {
    this(1000);
  }

  public InMemoryStore put(String key, byte[] bytes) {
    objects.put(key, bytes);
    return this;
  }

  public InMemoryStore put(String key, String text) {
    return put(key, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * An object that listings report as last modified at {@code modified}; objects put without one
   * are listed without a {@code lastModified}, as a store that cannot tell.
   */
  public InMemoryStore put(String key, String text, Instant modified) {
    lastModified.put(key, modified);
    return put(key, text);
  }

  @Override
  public ListingPage list(String prefix, String delimiter, String pageToken) {
    beforeList.run();
    return listPage(prefix, delimiter, pageToken);
  }

  @Override
  public boolean listsFromAKey() {
    return fromAKey;
  }

  @Override
  public ListingPage listAfter(
      String prefix, String delimiter, String startAfter, String pageToken) {
    if (!fromAKey || startAfter == null || startAfter.isEmpty() || delimiter != null) {
      return ObjectStore.super.listAfter(prefix, delimiter, startAfter, pageToken);
    }
    beforeList.run();
    synchronized (this) {
      listCalls.incrementAndGet();
      listings.add(prefix + " after " + startAfter);
      List<ListedObject> after = new ArrayList<>();
      for (var e : objects.tailMap(startAfter, false).entrySet()) {
        if (e.getKey().startsWith(prefix)) {
          after.add(
              new ListedObject(e.getKey(), e.getValue().length, lastModified.get(e.getKey())));
        } else if (e.getKey().compareTo(prefix) > 0) {
          break;
        }
      }
      int from = pageToken == null ? 0 : Integer.parseInt(pageToken);
      int to = Math.min(after.size(), from + pageSize);
      List<ListedObject> page = new ArrayList<>(after.subList(from, to));
      Collections.shuffle(page, random);
      return new ListingPage(List.of(), page, to < after.size() ? String.valueOf(to) : null);
    }
  }

  private synchronized ListingPage listPage(String prefix, String delimiter, String pageToken) {
    listCalls.incrementAndGet();
    listings.add(prefix);
    List<Object> entries = new ArrayList<>();
    TreeSet<String> folders = new TreeSet<>();
    for (var e : objects.tailMap(prefix, true).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      int cut = delimiter == null ? -1 : e.getKey().indexOf(delimiter, prefix.length());
      if (cut >= 0) {
        String folder = e.getKey().substring(0, cut + delimiter.length());
        if (folders.add(folder)) {
          entries.add(folder);
        }
      } else {
        entries.add(
            new ListedObject(e.getKey(), e.getValue().length, lastModified.get(e.getKey())));
      }
    }
    int from = pageToken == null ? 0 : Integer.parseInt(pageToken);
    int to = Math.min(entries.size(), from + pageSize);
    List<String> prefixes = new ArrayList<>();
    List<ListedObject> listed = new ArrayList<>();
    for (Object entry : entries.subList(from, to)) {
      if (entry instanceof String folder) {
        prefixes.add(folder);
      } else {
        listed.add((ListedObject) entry);
      }
    }
    Collections.shuffle(listed, random);
    return new ListingPage(prefixes, listed, to < entries.size() ? String.valueOf(to) : null);
  }

  @Override
  public InputStream open(String key) throws IOException {
    openAttempts.incrementAndGet();
    if (openDelayMillis > 0) {
      try {
        Thread.sleep(openDelayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while opening '" + key + "'");
      }
    }
    StoreException refusal = refusals.get(key);
    if (refusal != null) {
      throw refusal;
    }
    AtomicInteger failing = failures.get(key);
    if (failing != null && failing.getAndDecrement() > 0) {
      throw new StoreException("Cannot read '" + key + "' (HTTP 503 ServerBusy)");
    }
    byte[] bytes = objects.get(key);
    Integer breakAt = breaksOnce.remove(key);
    if (breakAt != null) {
      byte[] head = java.util.Arrays.copyOf(bytes, breakAt);
      return new java.io.SequenceInputStream(
          new ByteArrayInputStream(head),
          new InputStream() {
            @Override
            public int read() throws IOException {
              throw new java.net.SocketException("Connection reset");
            }
          });
    }
    if (bytes == null) {
      throw new ObjectNotFoundException("No object '" + key + "' in " + describe());
    }
    opens.incrementAndGet();
    openedKeys.add(key);
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          bytesRead.incrementAndGet();
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int off, int len) throws IOException {
        int n = super.read(buffer, off, len);
        if (n > 0) {
          bytesRead.addAndGet(n);
        }
        return n;
      }
    };
  }

  @Override
  public long size(String key) throws IOException {
    byte[] bytes = objects.get(key);
    if (bytes == null) {
      throw new ObjectNotFoundException("No object '" + key + "' in " + describe());
    }
    return bytes.length;
  }

  /** The keys of the objects held, in order. */
  public java.util.List<String> keys() {
    return java.util.List.copyOf(objects.keySet());
  }

  /** An object's bytes, or null. */
  public byte[] get(String key) {
    return objects.get(key);
  }

  @Override
  public String describe() {
    return "memory://test";
  }

  @Override
  public void close() {}
}
