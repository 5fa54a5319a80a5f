package io.timeshard.partitioner.layout;

import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.PlanStats;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.key.KeyParse;
import io.timeshard.partitioner.key.ObjectKey;
import io.timeshard.partitioner.key.ObjectKeyParser;
import io.timeshard.partitioner.key.ObjectRole;
import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.time.TimeInterval;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts listed objects into partition streams: parses each key, sets aside what does not belong,
 * and pairs each value object with its {@code .keys} / {@code .headers} companions. A {@code .keys}
 * object without a value object is a tombstone object when it sits in the tombstone folder, and an
 * orphan, skipped with a WARN naming it, anywhere else.
 */
final class PlanAssembler {

  private static final Logger log = LoggerFactory.getLogger(PlanAssembler.class);

  /** Companions sit in the value object's folder with its start offset. */
  private record ObjectGroupId(TopicPartition topicPartition, String folder, long startOffset) {}

  private static final class ObjectGroup {
    ObjectKey values;
    long size;
    ObjectKey keys;
    long keysSize;
    ObjectKey headers;
  }

  private final ObjectKeyParser parser;
  private final PlanRequest request;
  private final Function<ObjectKey, Optional<TimeInterval>> bucketOf;
  private final Map<ObjectGroupId, ObjectGroup> groups = new HashMap<>();

  private long objectsListed;
  private long unrecognised;
  private long otherFormat;
  private long misplaced;

  PlanAssembler(
      ObjectKeyParser parser,
      PlanRequest request,
      Function<ObjectKey, Optional<TimeInterval>> bucketOf) {
    this.parser = parser;
    this.request = request;
    this.bucketOf = bucketOf;
  }

  void accept(ListedObject object) {
    objectsListed++;
    KeyParse parse = parser.parse(object.key());
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
    ObjectGroup group =
        groups.computeIfAbsent(
            new ObjectGroupId(key.topicPartition(), key.folder(), key.startOffset()),
            id -> new ObjectGroup());
    switch (key.role()) {
      case VALUES -> {
        group.values = key;
        group.size = object.size();
      }
      case KEYS -> {
        group.keys = key;
        group.keysSize = object.size();
      }
      case HEADERS -> group.headers = key;
    }
  }

  RestorePlan build(long listCalls, long foldersPruned) {
    Map<TopicPartition, List<BackupObject>> byPartition = new HashMap<>();
    long companions = 0;
    long orphans = 0;
    long tombstones = 0;
    for (ObjectGroup group : groups.values()) {
      int groupCompanions = (group.keys == null ? 0 : 1) + (group.headers == null ? 0 : 1);
      if (group.values == null) {
        if (group.keys != null && parser.isTombstoneFolder(group.keys.folder())) {
          // The sinks write no value object for tombstones: the keys object is the record.
          tombstones++;
          companions += group.headers == null ? 0 : 1;
          byPartition
              .computeIfAbsent(group.keys.topicPartition(), tp -> new ArrayList<>())
              .add(
                  BackupObject.tombstones(
                      group.keys,
                      group.keysSize,
                      Optional.ofNullable(group.headers),
                      bucketOf.apply(group.keys)));
          continue;
        }
        orphans += groupCompanions;
        for (ObjectKey orphan : new ObjectKey[] {group.keys, group.headers}) {
          if (orphan != null) {
            log.warn(
                "Skipping '{}': a {} object without its value object{}",
                orphan.key(),
                orphan.role().infix(),
                orphan.role() == ObjectRole.KEYS
                    ? "; if the sink wrote tombstones into its folder, set"
                        + " tombstone.encoded.partition to that folder (now '"
                        + parser.tombstoneFolder()
                        + "')"
                    : "");
          }
        }
        continue;
      }
      companions += groupCompanions;
      byPartition
          .computeIfAbsent(group.values.topicPartition(), tp -> new ArrayList<>())
          .add(
              new BackupObject(
                  group.values,
                  group.size,
                  Optional.ofNullable(group.keys),
                  Optional.ofNullable(group.headers),
                  bucketOf.apply(group.values)));
    }
    List<PartitionStream> streams = new ArrayList<>();
    long objects = 0;
    for (Map.Entry<TopicPartition, List<BackupObject>> e : byPartition.entrySet()) {
      streams.add(new PartitionStream(e.getKey(), e.getValue()));
      objects += e.getValue().size();
    }
    PlanStats stats =
        new PlanStats(
            listCalls,
            foldersPruned,
            objectsListed,
            objects - tombstones,
            companions,
            unrecognised,
            otherFormat,
            misplaced,
            orphans,
            tombstones);
    return new RestorePlan(streams, stats);
  }
}
