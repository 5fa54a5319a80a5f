package io.timeshard.partitioner.layout;

import io.timeshard.partitioner.AssignedPartitions;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.PlanStats;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.StreamAssembly;
import io.timeshard.partitioner.key.ForeignPartitionFilter;
import io.timeshard.partitioner.key.KeyParse;
import io.timeshard.partitioner.key.ObjectKey;
import io.timeshard.partitioner.key.ObjectKeyParser;
import io.timeshard.partitioner.key.ObjectRole;
import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.time.TimeInterval;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts listed objects into partition streams: parses each key, sets aside what does not belong,
 * and pairs each value object with its {@code .keys} / {@code .headers} companions.
 */
final class PlanAssembler {

  private static final Logger log = LoggerFactory.getLogger(PlanAssembler.class);

  private final ObjectKeyParser parser;
  private final PlanRequest request;
  private final StreamAssembly streams;

  /** A task's cheap test for other partitions' keys; null when every partition is kept. */
  private final ForeignPartitionFilter foreign;

  private final LongAdder foreignSkipped = new LongAdder();

  private long objectsListed;
  private long unrecognised;
  private long otherFormat;
  private long misplaced;
  private long prunedByLastModified;

  PlanAssembler(
      ObjectKeyParser parser,
      PlanRequest request,
      Function<ObjectKey, Optional<TimeInterval>> bucketOf) {
    this.parser = parser;
    this.request = request;
    this.streams = new StreamAssembly(bucketOf, parser.tombstoneFolder());
    this.foreign = foreignPartitionFilter(parser, request);
  }

  private static ForeignPartitionFilter foreignPartitionFilter(
      ObjectKeyParser parser, PlanRequest request) {
    if (!(request.partitions() instanceof AssignedPartitions assigned)) {
      return null;
    }
    Map<String, Set<Integer>> byTopic = new HashMap<>();
    for (String topic : assigned.topics()) {
      byTopic.put(topic, assigned.partitionsOf(topic));
    }
    return new ForeignPartitionFilter(parser, byTopic, request.format());
  }

  /** Thread-safe: listings of independent folders hand their objects in at once. */
  void accept(ListedObject object) {
    if (foreign != null && foreign.skips(object.key())) {
      // Another task's partition: counted as listed, never parsed.
      foreignSkipped.increment();
      return;
    }
    KeyParse parse = parser.parse(object.key());
    synchronized (this) {
      accept(object, parse);
    }
  }

  private void accept(ListedObject object, KeyParse parse) {
    objectsListed++;
    if (parse instanceof KeyParse.Rejected rejected) {
      unrecognised++;
      log.debug("Skipping '{}': {}", rejected.key(), rejected.reason());
      return;
    }
    ObjectKey key = ((KeyParse.Parsed) parse).key();
    if (!key.inOwnTopicFolder()) {
      misplaced++;
      log.warn(
          "Skipping '{}': its file name names topic '{}' but it sits in the folder of topic '{}'",
          key.key(),
          key.fileTopic(),
          key.folderTopic());
      return;
    }
    // Companions may be in another format than the values (keys.format.class).
    if (key.role() == ObjectRole.VALUES && key.format() != request.format()) {
      otherFormat++;
      log.debug(
          "Skipping '{}': {} object, restoring {}", key.key(), key.format(), request.format());
      return;
    }
    if (!request.partitions().test(key.topicPartition())) {
      return;
    }
    if (key.role() == ObjectRole.VALUES && request.lastModifiedPruning().prunes(object)) {
      // Its companions go with it, whichever is listed first.
      prunedByLastModified++;
      log.trace("Skipping '{}': last modified {}", key.key(), object.lastModified());
      streams.addPruned(key);
      return;
    }
    streams.add(key, object.size());
  }

  RestorePlan build(long listCalls, long foldersPruned) {
    StreamAssembly.Built built = streams.build();
    long companions = built.companions();
    long orphans = built.orphans();
    long valueObjects = 0;
    for (PartitionStream stream : built.streams()) {
      valueObjects += stream.objectCount();
    }
    PlanStats stats =
        new PlanStats(
            listCalls,
            foldersPruned,
            objectsListed + foreignSkipped.sum(),
            valueObjects - built.tombstones(),
            companions,
            unrecognised,
            otherFormat,
            misplaced,
            orphans,
            prunedByLastModified,
            built.tombstones());
    return new RestorePlan(built.streams(), stats);
  }
}
