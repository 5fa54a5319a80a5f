package io.timeshard.partitioner.layout;

import io.timeshard.partitioner.PartitionerConfig;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.WatchWindow;
import io.timeshard.partitioner.key.ObjectKey;
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
      for (Visit visit :
          listing.forEach(level, f -> visit(listing, topicPrefix, f, window, assembler))) {
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
      PlanAssembler assembler) {
    if (folder.flat() || window.encloses(folder.interval())) {
      listAll(listing, folder.prefix(), assembler);
      return new Visit(List.of(), 0);
    }
    long pruned = 0;
    List<Folder> children = new ArrayList<>();
    for (String child : listing.list(folder.prefix(), parser().delimiter(), assembler::accept)) {
      Optional<TimeInterval> childInterval =
          buckets.intervalOf(child.substring(topicPrefix.length()));
      if (childInterval.isEmpty()) {
        log.debug("Listing '{}' whole: the folder does not fit path.format", child);
        children.add(new Folder(child, TimeInterval.ALL, true));
      } else if (!childInterval.get().overlaps(window)) {
        pruned++;
      } else {
        children.add(new Folder(child, childInterval.get(), false));
      }
    }
    return new Visit(children, pruned);
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
