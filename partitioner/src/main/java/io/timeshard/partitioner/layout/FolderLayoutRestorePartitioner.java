package io.timeshard.partitioner.layout;

import io.timeshard.partitioner.key.ObjectKey;
import io.timeshard.partitioner.time.TimeInterval;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extension point for a backup layout of one's own: a subclass says what time the folders of
 * its layout cover, and gets the rest from Timeshard.
 *
 * <p>The layout is that of a storage sink run with a custom partitioner: object keys are {@code
 * <topics.dir>/<topic>/<folders>/<topic>+<partition>+<startOffset><extension>}, where only the
 * {@code <folders>} part (the sink partitioner's "encoded partition") is the layout's own. From
 * {@link #folderInterval(List)} alone, a subclass gets what the built-in layouts have: topics found
 * under {@code topics.dir} (or taken from {@code topics}), listings paged, folders outside the
 * restore window never listed, files matched to the format restored, {@code .keys} and {@code
 * .headers} companions paired with their values, tombstones, and one stream per Kafka partition in
 * offset order.
 *
 * <p>Folders are walked level by level from the topic folder: a folder whose interval misses the
 * window is skipped without being listed; one whose interval lies wholly inside the window is
 * listed flat, in as few pages as the store allows; one the window cuts is listed one level down.
 *
 * <p>A subclass needs a public no-argument constructor and is named in {@code partitioner.class}.
 * To read keys of its own, it overrides {@link #configureLayout(io.timeshard.partitioner
 * .PartitionerConfig)} and reads {@code config.originalsStrings()}. See {@code
 * docs/custom-partitioner.md} for a complete example.
 */
public abstract class FolderLayoutRestorePartitioner extends AbstractRestorePartitioner {

  private static final Logger log = LoggerFactory.getLogger(FolderLayoutRestorePartitioner.class);

  /** For subclasses. */
  protected FolderLayoutRestorePartitioner() {}

  /**
   * The instants covered by the records in a folder and in every folder below it.
   *
   * @param levels the folder's path below the topic folder, one element per level: {@code
   *     ["partition=3", "day=2025-05-16"]} for {@code topics/orders/partition=3/day=2025-05-16/}
   * @return an interval, which must enclose the intervals of every folder below it; {@link
   *     TimeInterval#ALL} for a level without time whose subfolders have some (the folder is listed
   *     one level down); empty for a folder whose records cannot be placed in time (it is listed
   *     whole, never pruned: pruning must never drop a record it cannot place)
   */
  protected abstract Optional<TimeInterval> folderInterval(List<String> levels);

  @Override
  protected final long collectTopic(
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
      Optional<TimeInterval> childInterval = folderInterval(levels(child, topicPrefix));
      if (childInterval.isEmpty()) {
        log.debug("Listing '{}' whole: {} places it in no time", child, getClass().getName());
        listAll(listing, child, assembler);
      } else if (!childInterval.get().overlaps(window)) {
        pruned++;
      } else {
        pruned += walk(listing, topicPrefix, child, childInterval.get(), window, assembler);
      }
    }
    return pruned;
  }

  /** The value object's folder interval, so that every object knows the time it covers. */
  @Override
  protected final Optional<TimeInterval> bucketOf(ObjectKey key) {
    return key.folder().isEmpty()
        ? Optional.empty()
        : folderInterval(split(key.folder(), parser().delimiter()));
  }

  private List<String> levels(String folderPrefix, String topicPrefix) {
    String delim = parser().delimiter();
    String path = folderPrefix.substring(topicPrefix.length());
    if (path.endsWith(delim)) {
      path = path.substring(0, path.length() - delim.length());
    }
    return split(path, delim);
  }

  private static List<String> split(String path, String delim) {
    return List.copyOf(Arrays.asList(path.split(java.util.regex.Pattern.quote(delim), -1)));
  }
}
