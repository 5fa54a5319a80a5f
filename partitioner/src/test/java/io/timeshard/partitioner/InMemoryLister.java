package io.timeshard.partitioner;

import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.listing.ListingPage;
import io.timeshard.partitioner.listing.ObjectLister;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An object store listing held in memory: pages of a fixed size, entries shuffled within each page
 * (real stores do not all sort), and a count of the LIST calls made.
 */
public final class InMemoryLister implements ObjectLister {

  private final TreeMap<String, Long> objects = new TreeMap<>();
  private final Map<String, Instant> lastModified = new HashMap<>();
  private final int pageSize;
  private final Random random = new Random(42);
  private int calls;
  private final List<String> listedPrefixes = new ArrayList<>();
  private boolean fromAKey;

  public InMemoryLister(int pageSize) {
    this.pageSize = pageSize;
  }

  public InMemoryLister() {
    this(1000);
  }

  public InMemoryLister add(String key, long size) {
    objects.put(key, size);
    return this;
  }

  /** Adds an object that the listing reports as last modified at {@code modified} (or unknown). */
  public InMemoryLister add(String key, long size, Instant modified) {
    objects.put(key, size);
    lastModified.put(key, modified);
    return this;
  }

  public InMemoryLister add(String... keys) {
    for (String key : keys) {
      add(key, 100);
    }
    return this;
  }

  /** Lists from a key as S3 and GCS do: the keys before it cost no call. */
  public InMemoryLister listingFromAKey() {
    this.fromAKey = true;
    return this;
  }

  @Override
  public boolean listsFromAKey() {
    return fromAKey;
  }

  @Override
  public synchronized ListingPage listAfter(
      String prefix, String delimiter, String startAfter, String pageToken) {
    if (!fromAKey || startAfter == null || startAfter.isEmpty()) {
      return ObjectLister.super.listAfter(prefix, delimiter, startAfter, pageToken);
    }
    calls++;
    listedPrefixes.add(prefix + " after " + startAfter);
    List<ListedObject> after = new ArrayList<>();
    for (var e : objects.tailMap(startAfter, false).entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        after.add(
            new ListedObject(
                e.getKey(), e.getValue(), lastModified.getOrDefault(e.getKey(), Instant.EPOCH)));
      } else if (e.getKey().compareTo(prefix) > 0) {
        break;
      }
    }
    if (delimiter != null) {
      throw new UnsupportedOperationException("not used by the planner");
    }
    int from = pageToken == null ? 0 : Integer.parseInt(pageToken);
    int to = Math.min(after.size(), from + pageSize);
    List<ListedObject> page = new ArrayList<>(after.subList(from, to));
    Collections.shuffle(page, random);
    return new ListingPage(List.of(), page, to < after.size() ? String.valueOf(to) : null);
  }

  public int calls() {
    return calls;
  }

  public List<String> listedPrefixes() {
    return listedPrefixes;
  }

  public void resetCalls() {
    calls = 0;
    listedPrefixes.clear();
  }

  @Override
  public synchronized ListingPage list(String prefix, String delimiter, String pageToken) {
    calls++;
    listedPrefixes.add(prefix);
    // Entries in key order, folders rolled up; a page holds pageSize entries of either kind.
    List<Object> entries = new ArrayList<>();
    TreeSet<String> seenPrefixes = new TreeSet<>();
    for (var e : objects.tailMap(prefix, true).entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(prefix)) {
        break;
      }
      int cut = delimiter == null ? -1 : key.indexOf(delimiter, prefix.length());
      if (cut >= 0) {
        String folder = key.substring(0, cut + delimiter.length());
        if (seenPrefixes.add(folder)) {
          entries.add(folder);
        }
      } else {
        entries.add(
            new ListedObject(key, e.getValue(), lastModified.getOrDefault(key, Instant.EPOCH)));
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
    Collections.shuffle(prefixes, random);
    Collections.shuffle(listed, random);
    return new ListingPage(prefixes, listed, to < entries.size() ? String.valueOf(to) : null);
  }
}
