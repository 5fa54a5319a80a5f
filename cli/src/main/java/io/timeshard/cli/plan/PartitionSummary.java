package io.timeshard.cli.plan;

import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.PartitionStream;
import java.util.List;

/**
 * What the plan holds for one Kafka partition.
 *
 * @param prunedByWindow objects of the partition in time folders the window leaves out; -1 when not
 *     counted
 * @param firstFolder the folder (encoded partition) of the first object; empty without objects
 */
public record PartitionSummary(
    String topic,
    int partition,
    long objects,
    long bytes,
    String firstFolder,
    String lastFolder,
    long firstStartOffset,
    long lastStartOffset,
    long prunedByWindow) {

  static PartitionSummary of(PartitionStream stream, long prunedByWindow) {
    List<BackupObject> objects = stream.objects();
    long bytes = 0;
    for (BackupObject object : objects) {
      bytes += object.size();
    }
    if (objects.isEmpty()) {
      return empty(
          stream.topicPartition().topic(), stream.topicPartition().partition(), prunedByWindow);
    }
    BackupObject first = objects.get(0);
    BackupObject last = objects.get(objects.size() - 1);
    return new PartitionSummary(
        stream.topicPartition().topic(),
        stream.topicPartition().partition(),
        objects.size(),
        bytes,
        first.key().folder(),
        last.key().folder(),
        first.startOffset(),
        last.startOffset(),
        prunedByWindow);
  }

  static PartitionSummary empty(String topic, int partition, long prunedByWindow) {
    return new PartitionSummary(topic, partition, 0, 0, "", "", -1, -1, prunedByWindow);
  }
}
