package io.timeshard.partitioner.layout;

import io.timeshard.partitioner.key.ObjectKeyParser;
import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.listing.ObjectLister;
import io.timeshard.partitioner.time.TimeBuckets;
import io.timeshard.partitioner.time.TimeInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A refresh of one topic of a time-based layout from a key: where the store starts a listing at a
 * key and the folders sort as text in the order of their times, everything that can hold an instant
 * of the refresh window sorts after the folder of the window's start. The topic is then listed flat
 * from there, in one chain of pages (one page while the backup is idle), instead of level by level.
 *
 * <p>What does not fit {@code path.format} is not ordered by time: the topic folder is listed one
 * level first (one call), and its folders that do not fit and sort before the start key (any folder
 * but the sinks' {@code tombstone} one) are listed whole. Objects of time folders the window misses
 * (after its end) are dropped, as a first plan never lists them. Each key is handed over once: the
 * topic folder's own objects up to the start key from the first listing, the rest from the flat
 * one, which starts strictly after it.
 */
final class TimeBasedRefresh {

  private static final Logger log = LoggerFactory.getLogger(TimeBasedRefresh.class);

  private final TimeBuckets buckets;
  private final ObjectKeyParser parser;

  TimeBasedRefresh(TimeBuckets buckets, ObjectKeyParser parser) {
    this.buckets = buckets;
    this.parser = parser;
  }

  /**
   * The key after which a flat listing of the topic holds every time folder the window reaches, or
   * empty where listing from a key does not apply: a store that cannot start at a key, folders that
   * do not sort by time, a window open at its start (the first plan's) or closed at its end (the
   * folders after it would be listed for nothing), or a delimiter other than {@code /}, in which
   * {@code path.format} is written.
   */
  Optional<String> startKey(Listing listing, String topicPrefix, TimeInterval window) {
    if (!listing.fromAKey()
        || !"/".equals(parser.delimiter())
        || window.startMillis() == Long.MIN_VALUE
        || window.endMillis() != Long.MAX_VALUE
        || window.isEmpty()) {
      return Optional.empty();
    }
    return buckets.folderFrom(window.startMillis()).map(folder -> topicPrefix + folder);
  }

  /**
   * Lists the topic from {@code startKey}; falls back to {@code descent} when the topic holds a
   * folder that does not fit {@code path.format} and whose name begins the start key.
   *
   * @return how many folders were pruned without being listed
   */
  long refresh(
      Listing listing,
      String topicPrefix,
      String startKey,
      TimeInterval window,
      PlanAssembler assembler,
      Runnable descent) {
    String delim = parser.delimiter();
    List<ListedObject> topObjects = new ArrayList<>();
    List<String> children = listing.list(topicPrefix, delim, topObjects::add);
    List<String> whole = new ArrayList<>();
    long pruned = 0;
    for (String child : children) {
      boolean fits = buckets.intervalOf(child.substring(topicPrefix.length())).isPresent();
      if (!fits && startKey.startsWith(child)) {
        log.debug(
            "Refreshing '{}' level by level: '{}' does not fit path.format", topicPrefix, child);
        descent.run();
        return 0;
      }
      if (ObjectLister.keyOrder(child, startKey) < 0) {
        if (fits) {
          pruned++;
        } else {
          // Not ordered by time, and before the start key: the flat listing would miss it.
          whole.add(child);
        }
      }
    }
    for (ListedObject object : topObjects) {
      if (ObjectLister.keyOrder(object.key(), startKey) <= 0) {
        assembler.accept(object);
      }
    }
    listing.forEach(
        whole,
        folder -> {
          listing.list(folder, null, assembler::accept);
          return null;
        });
    listing.listAfter(topicPrefix, null, startKey, inWindow(topicPrefix, window, assembler));
    return pruned;
  }

  /** Hands over the objects whose time folder meets the window, and those not in a time folder. */
  private Consumer<ListedObject> inWindow(
      String topicPrefix, TimeInterval window, PlanAssembler assembler) {
    String delim = parser.delimiter();
    return new Consumer<>() {
      private String lastFolder;
      private boolean lastMeets;

      @Override
      public void accept(ListedObject object) {
        String key = object.key();
        int cut = key.lastIndexOf(delim);
        String folder = cut < topicPrefix.length() ? "" : key.substring(topicPrefix.length(), cut);
        if (!folder.equals(lastFolder)) {
          lastFolder = folder;
          Optional<TimeInterval> interval = buckets.intervalOf(folder);
          lastMeets = interval.isEmpty() || interval.get().overlaps(window);
        }
        if (lastMeets) {
          assembler.accept(object);
        }
      }
    };
  }
}
