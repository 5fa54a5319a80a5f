package io.timeshard.partitioner.layout;

import io.timeshard.partitioner.PartitionerConfig;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.WatchWindow;
import io.timeshard.partitioner.key.ObjectKey;
import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.listing.ListingPage;
import io.timeshard.partitioner.time.TimeBuckets;
import io.timeshard.partitioner.time.TimeInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the sinks' {@code TimeBasedPartitioner} layout: {@code <topic>/<path.format>/}, every Kafka
 * partition's files side by side in each time folder.
 *
 * <p>Discovery walks the folder tree level by level. A folder whose interval misses the restore
 * window is never listed; a folder wholly inside the window is listed flat, in as few pages as the
 * store allows; only folders the window cuts are listed one level down. The number of LIST calls
 * therefore grows with the folders at the window's edges, not with the size of the backup. A folder
 * that does not fit {@code path.format} (the sinks' {@code tombstone} folder, say) is listed whole:
 * pruning must never drop a record it cannot place in time.
 *
 * <p>Listing flat is one chain of pages, each needing the previous page's token. While a level has
 * fewer folders than {@code restore.list.concurrency}, a folder inside the window whose subfolders
 * hold a page or more is listed one level down instead, so that its subfolders' listings run at
 * once: see {@link #listedFlatAfterFirstPage}. Such a folder's subfolders are never pruned, as a
 * flat listing would not have pruned them.
 */
public class TimeBasedRestorePartitioner extends AbstractRestorePartitioner {

  private static final Logger log = LoggerFactory.getLogger(TimeBasedRestorePartitioner.class);

  private TimeBuckets buckets;

  @Override
  protected void configureLayout(PartitionerConfig config) {
    this.buckets = timeBuckets(config);
  }

  /** The layout's buckets; presets override this. */
  protected TimeBuckets timeBuckets(PartitionerConfig config) {
    return config.timeBuckets();
  }

  public TimeBuckets buckets() {
    return buckets;
  }

  /** A folder still to list: flat when it is wholly inside the window or does not fit. */
  private record Folder(String prefix, TimeInterval interval, boolean flat) {}

  /** What listing one folder found: its child folders still to list, and those pruned. */
  private record Visit(List<Folder> children, long pruned) {}

  @Override
  protected long collectTopic(
      Listing listing, String topicPrefix, TimeInterval window, PlanAssembler assembler) {
    // Level by level: the folders of one level are independent, and are listed at once.
    List<Folder> level = List.of(new Folder(topicPrefix, TimeInterval.ALL, false));
    long pruned = 0;
    while (!level.isEmpty()) {
      List<Folder> next = new ArrayList<>();
      boolean spread = level.size() < listing.concurrency();
      for (Visit visit :
          listing.forEach(level, f -> visit(listing, topicPrefix, f, window, spread, assembler))) {
        next.addAll(visit.children());
        pruned += visit.pruned();
      }
      level = next;
    }
    return pruned;
  }

  private Visit visit(
      Listing listing,
      String topicPrefix,
      Folder folder,
      TimeInterval window,
      boolean spread,
      PlanAssembler assembler) {
    boolean enclosed = window.encloses(folder.interval());
    if (folder.flat() || enclosed) {
      if (folder.flat() || !spread || isLeaf(topicPrefix, folder.prefix())) {
        listAll(listing, folder.prefix(), assembler);
        return new Visit(List.of(), 0);
      }
      if (listedFlatAfterFirstPage(listing, folder.prefix(), assembler)) {
        return new Visit(List.of(), 0);
      }
      // Subfolders of a page or more, and too few folders at this level to keep the listings
      // busy: the subfolders are listed at once instead of one chain of pages.
    }
    long pruned = 0;
    List<Folder> children = new ArrayList<>();
    for (String child : listing.list(folder.prefix(), parser().delimiter(), assembler::accept)) {
      if (child.length() <= folder.prefix().length() || !child.startsWith(folder.prefix())) {
        log.warn(
            "Skipping folder '{}': the store names it as a folder of '{}', which it is not below",
            child,
            folder.prefix());
        continue;
      }
      Optional<TimeInterval> childInterval =
          buckets.intervalOf(child.substring(topicPrefix.length()));
      if (childInterval.isEmpty()) {
        log.debug("Listing '{}' whole: the folder does not fit path.format", child);
        children.add(new Folder(child, TimeInterval.ALL, true));
      } else if (!enclosed && !childInterval.get().overlaps(window)) {
        pruned++;
      } else {
        children.add(new Folder(child, childInterval.get(), false));
      }
    }
    return new Visit(children, pruned);
  }

  /**
   * Lists the first page of a folder, flat, and decides from it whether to list the folder flat or
   * one level down. The folder is finished flat when the page is its only one, or when the page's
   * keys fall into more than {@value #SUBFOLDERS_PER_PAGE} of its subfolders: subfolders smaller
   * than a page would cost a LIST call each where a flat listing costs one per page. Otherwise the
   * page is dropped (listings come in no fixed order, so the rest of a flat listing cannot be told
   * apart from it) and the caller lists the folder one level down: two LIST calls more than listing
   * it flat.
   *
   * @return true when the folder's objects are all handed to the assembler
   */
  private boolean listedFlatAfterFirstPage(
      Listing listing, String prefix, PlanAssembler assembler) {
    ListingPage page = listing.firstPage(prefix, null);
    if (!page.isLast() && subfoldersIn(page, prefix) <= SUBFOLDERS_PER_PAGE) {
      return false;
    }
    page.objects().forEach(assembler::accept);
    listing.listRest(prefix, null, page.nextPageToken(), assembler::accept);
    return true;
  }

  /** More subfolders than this in one page: the folder is listed flat. */
  private static final int SUBFOLDERS_PER_PAGE = 2;

  /**
   * How many subfolders of {@code prefix} a page's keys fall into, counted up to one more than
   * {@value #SUBFOLDERS_PER_PAGE}.
   */
  private int subfoldersIn(ListingPage page, String prefix) {
    String delim = parser().delimiter();
    List<String> seen = new ArrayList<>(SUBFOLDERS_PER_PAGE + 1);
    for (ListedObject object : page.objects()) {
      String key = object.key();
      int end = key.indexOf(delim, prefix.length());
      if (end < 0) {
        continue;
      }
      boolean known = false;
      for (String folder : seen) {
        known |=
            folder.length() == end - prefix.length() && key.startsWith(folder, prefix.length());
      }
      if (!known) {
        seen.add(key.substring(prefix.length(), end));
        if (seen.size() > SUBFOLDERS_PER_PAGE) {
          break;
        }
      }
    }
    return seen.size();
  }

  /** True for a folder at the deepest level of {@code path.format}: it has no time subfolders. */
  private boolean isLeaf(String topicPrefix, String prefix) {
    String delim = parser().delimiter();
    int depth = 0;
    for (int at = prefix.indexOf(delim, topicPrefix.length());
        at >= 0;
        at = prefix.indexOf(delim, at + delim.length())) {
      depth++;
    }
    return depth >= buckets.levels();
  }

  /**
   * A refresh where the store starts a listing at a key and the folders sort by time: the topic
   * folder one level (for folders that do not fit), then flat from the folder of the window's start
   * (see {@link TimeBasedRefresh}); elsewhere level by level, as a first plan.
   */
  @Override
  protected long refreshTopic(
      Listing listing,
      String topic,
      PlanRequest request,
      WatchWindow watch,
      PlanAssembler assembler) {
    String topicPrefix = parser().topicPrefix(topic);
    TimeBasedRefresh fromKey = new TimeBasedRefresh(buckets, parser());
    Optional<String> startKey = fromKey.startKey(listing, topicPrefix, request.window());
    if (startKey.isEmpty()) {
      return collectTopic(listing, topic, request, assembler);
    }
    long[] descended = {0};
    long pruned =
        fromKey.refresh(
            listing,
            topicPrefix,
            startKey.get(),
            request.window(),
            assembler,
            () -> descended[0] = collectTopic(listing, topic, request, assembler));
    return pruned + descended[0];
  }

  @Override
  protected Optional<TimeInterval> bucketOf(ObjectKey key) {
    return buckets.intervalOf(key.folder());
  }
}
