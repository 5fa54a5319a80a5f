package io.timeshard.partitioner.layout;

import io.timeshard.partitioner.PartitionerConfig;
import io.timeshard.partitioner.key.ObjectKey;
import io.timeshard.partitioner.time.TimeBuckets;
import io.timeshard.partitioner.time.TimeInterval;
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

  @Override
  protected long collectTopic(
      Listing listing, String topicPrefix, TimeInterval window, PlanAssembler assembler) {
    return walk(listing, topicPrefix, topicPrefix, TimeInterval.ALL, window, assembler);
  }

  private long walk(
      Listing listing,
      String topicPrefix,
      String folderPrefix,
      TimeInterval folderInterval,
      TimeInterval window,
      PlanAssembler assembler) {
    if (window.encloses(folderInterval)) {
      listAll(listing, folderPrefix, assembler);
      return 0;
    }
    long pruned = 0;
    for (String child : listing.list(folderPrefix, parser().delimiter(), assembler::accept)) {
      Optional<TimeInterval> childInterval =
          buckets.intervalOf(child.substring(topicPrefix.length()));
      if (childInterval.isEmpty()) {
        log.debug("Listing '{}' whole: the folder does not fit path.format", child);
        listAll(listing, child, assembler);
      } else if (!childInterval.get().overlaps(window)) {
        pruned++;
      } else {
        pruned += walk(listing, topicPrefix, child, childInterval.get(), window, assembler);
      }
    }
    return pruned;
  }

  @Override
  protected Optional<TimeInterval> bucketOf(ObjectKey key) {
    return buckets.intervalOf(key.folder());
  }
}
