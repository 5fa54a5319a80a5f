package io.timeshard.connect.plan;

import io.timeshard.connect.fetch.FetchFailure;
import io.timeshard.partitioner.listing.ListingPage;
import io.timeshard.partitioner.listing.ObjectLister;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store as a plan lists it: a page the store failed to give for a reason that may pass
 * (throttling, a 5xx, a reset or cut-off answer, after the client's own retries) is asked for
 * again, the same page, after a back-off, rather than failing the whole plan. A plan of a large
 * backup is hundreds of pages, and through a store that fails one request in twenty, a plan that
 * starts over at each failure hardly ever ends. It gives up, with the store's failure, when no page
 * has been listed for {@code giveUpAfter} ({@code restore.store.unavailable.timeout.ms}), at once
 * for a failure that will not pass (403, a missing object), and as soon as the task (or the
 * connector's first plan) is stopping, so that a stop never waits for a store that is down.
 */
public final class RetriedPages implements ObjectLister {

  private static final Logger log = LoggerFactory.getLogger(RetriedPages.class);

  private static final long FIRST_BACK_OFF_MS = 200;
  private static final long LONGEST_BACK_OFF_MS = 5_000;

  /** How long a back-off sleeps before it looks whether the task is stopping. */
  private static final long STOP_CHECK_MS = 100;

  private final ObjectLister store;
  private final long giveUpAfterNanos;
  private final BooleanSupplier stopping;
  private long lastPageNanos = System.nanoTime();
  private boolean listedAPage;

  public RetriedPages(ObjectLister store, Duration giveUpAfter, BooleanSupplier stopping) {
    this.store = store;
    this.giveUpAfterNanos = giveUpAfter.toNanos();
    this.stopping = stopping;
  }

  /** Whether any page was listed through this lister. */
  public boolean listedAPage() {
    return listedAPage;
  }

  /** {@link System#nanoTime()} of the last page listed, or of this lister's making if none was. */
  public long lastPageNanos() {
    return lastPageNanos;
  }

  @Override
  public ListingPage list(String prefix, String delimiter, String pageToken) {
    return retried(prefix, () -> store.list(prefix, delimiter, pageToken));
  }

  @Override
  public ListingPage listAfter(
      String prefix, String delimiter, String startAfter, String pageToken) {
    return retried(prefix, () -> store.listAfter(prefix, delimiter, startAfter, pageToken));
  }

  @Override
  public boolean listsFromAKey() {
    return store.listsFromAKey();
  }

  private ListingPage retried(String prefix, Supplier<ListingPage> page) {
    long backOff = FIRST_BACK_OFF_MS;
    while (true) {
      try {
        ListingPage listed = page.get();
        lastPageNanos = System.nanoTime();
        listedAPage = true;
        return listed;
      } catch (RuntimeException e) {
        if (FetchFailure.classify(e) != FetchFailure.Kind.TRANSIENT
            || System.nanoTime() - lastPageNanos >= giveUpAfterNanos
            || stopping.getAsBoolean()) {
          throw e;
        }
        log.debug(
            "Listing '{}' failed; asking for the same page again in {} ms", prefix, backOff, e);
        for (long slept = 0; slept < backOff; slept += STOP_CHECK_MS) {
          if (stopping.getAsBoolean()) {
            throw e;
          }
          try {
            Thread.sleep(Math.min(STOP_CHECK_MS, backOff - slept));
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw e;
          }
        }
        backOff = Math.min(backOff * 2, LONGEST_BACK_OFF_MS);
      }
    }
  }
}
