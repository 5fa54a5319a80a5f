package io.timeshard.partitioner.layout;

import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.listing.ListingPage;
import io.timeshard.partitioner.listing.ObjectLister;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Walks the pages of listings and counts the LIST calls it sends. The pages of one prefix follow
 * each other (each needs the previous one's token); independent prefixes (time folders, partition
 * folders) are listed at once, at most {@code concurrency} at a time.
 */
final class Listing implements AutoCloseable {

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ObjectLister lister;
  private final int concurrency;
  private final AtomicLong calls = new AtomicLong();
  private ExecutorService pool;

  Listing(ObjectLister lister) {
    this(lister, 1);
  }

  Listing(ObjectLister lister, int concurrency) {
    this.lister = lister;
    this.concurrency = Math.max(1, concurrency);
  }

  /** Lists every page of {@code prefix}; returns the common prefixes, hands objects to the sink. */
  List<String> list(String prefix, String delimiter, Consumer<ListedObject> objects) {
    return pages(null, token -> lister.list(prefix, delimiter, token), objects);
  }

  /**
   * Lists the first page of {@code prefix} only, for a caller that decides from it whether to go
   * on. Counted as a LIST call like any other.
   */
  ListingPage firstPage(String prefix, String delimiter) {
    ListingPage page = lister.list(prefix, delimiter, null);
    calls.incrementAndGet();
    return page;
  }

  /** Lists the pages of {@code prefix} that follow the page whose token is {@code token}. */
  void listRest(String prefix, String delimiter, String token, Consumer<ListedObject> objects) {
    if (token != null) {
      pages(token, next -> lister.list(prefix, delimiter, next), objects);
    }
  }

  /** How many listings run at once. */
  int concurrency() {
    return concurrency;
  }

  /**
   * Lists every page of the keys under {@code prefix} after {@code startAfter} (see {@link
   * ObjectLister#listAfter}); returns the common prefixes, hands objects to the sink.
   */
  List<String> listAfter(
      String prefix, String delimiter, String startAfter, Consumer<ListedObject> objects) {
    return pages(null, token -> lister.listAfter(prefix, delimiter, startAfter, token), objects);
  }

  /**
   * Walks one listing's pages, from the page {@code token} names ({@code null}: the first), each
   * fetched with the previous one's token and counted as a LIST call; returns the common prefixes
   * and hands the objects to the sink.
   */
  private List<String> pages(
      String token, Function<String, ListingPage> fetch, Consumer<ListedObject> objects) {
    List<String> prefixes = new ArrayList<>();
    String next = token;
    do {
      ListingPage page = fetch.apply(next);
      calls.incrementAndGet();
      prefixes.addAll(page.commonPrefixes());
      page.objects().forEach(objects);
      next = page.nextPageToken();
    } while (next != null);
    return prefixes;
  }

  /** Whether the store starts a listing at a key, so that the keys before it cost nothing. */
  boolean fromAKey() {
    return lister.listsFromAKey();
  }

  /**
   * Applies {@code work} to every item, up to {@code concurrency} at once, and returns the results
   * in the items' order. Called from the planning thread only, never from inside {@code work}.
   */
  <T, R> List<R> forEach(List<T> items, Function<T, R> work) {
    if (concurrency == 1 || items.size() <= 1) {
      return items.stream().map(work).toList();
    }
    List<Future<R>> futures = new ArrayList<>(items.size());
    for (T item : items) {
      futures.add(pool().submit(() -> work.apply(item)));
    }
    List<R> results = new ArrayList<>(items.size());
    try {
      for (Future<R> future : futures) {
        results.add(future.get());
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while listing the backup", e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
    return results;
  }

  private synchronized ExecutorService pool() {
    if (pool == null) {
      int id = POOLS.incrementAndGet();
      AtomicInteger threads = new AtomicInteger();
      pool =
          Executors.newFixedThreadPool(
              concurrency,
              runnable -> {
                Thread thread =
                    new Thread(runnable, "timeshard-list-" + id + "-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
    }
    return pool;
  }

  long calls() {
    return calls.get();
  }

  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
