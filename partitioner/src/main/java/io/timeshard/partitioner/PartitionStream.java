package io.timeshard.partitioner;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * Everything the backup holds for one Kafka partition, in the order it must be restored: value
 * objects by start offset, compared as numbers.
 */
public record PartitionStream(TopicPartition topicPartition, List<BackupObject> objects) {

  /** Start offset, then key: two objects with one start offset (a sink rewrite) keep both. */
  public static final Comparator<BackupObject> RESTORE_ORDER =
      Comparator.comparingLong(BackupObject::startOffset).thenComparing(BackupObject::objectKey);

  public PartitionStream {
    Objects.requireNonNull(topicPartition, "topicPartition");
    objects = objects.stream().sorted(RESTORE_ORDER).toList();
  }

  public long bytes() {
    long total = 0;
    for (BackupObject object : objects) {
      total += object.size();
    }
    return total;
  }

  public int objectCount() {
    return objects.size();
  }
}
