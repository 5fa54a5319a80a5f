package io.timeshard.partitioner.layout;

import io.timeshard.partitioner.AssignedPartitions;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.time.TimeInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads the sinks' {@code DefaultPartitioner} layout, {@code <topic>/partition=<N>/}. The folders
 * carry no time, so the connector lists a topic flat, in as few pages as the store allows; a task
 * lists only the folders of its own partitions and the tombstone folder, several at once.
 */
public class DefaultRestorePartitioner extends AbstractRestorePartitioner {

  /** The folder the sink writes one Kafka partition into, below the topic folder. */
  static final String PARTITION_FOLDER = "partition=";

  /** Whether each Kafka partition has a folder of its own; field layouts do not. */
  protected boolean partitionFolders() {
    return true;
  }

  @Override
  protected long collectTopic(
      Listing listing, String topic, PlanRequest request, PlanAssembler assembler) {
    if (!partitionFolders() || !(request.partitions() instanceof AssignedPartitions assigned)) {
      return super.collectTopic(listing, topic, request, assembler);
    }
    String topicPrefix = parser().topicPrefix(topic);
    List<String> folders =
        new ArrayList<>(
            new TreeSet<>(assigned.partitionsOf(topic))
                .stream()
                    .map(p -> topicPrefix + PARTITION_FOLDER + p + parser().delimiter())
                    .toList());
    // Tombstones of every partition share one folder beside the partition folders.
    if (!parser().tombstoneFolder().isEmpty()) {
      folders.add(topicPrefix + parser().tombstoneFolder() + parser().delimiter());
    }
    listing.forEach(
        folders,
        folder -> {
          listAll(listing, folder, assembler);
          return null;
        });
    return 0;
  }

  @Override
  protected long collectTopic(
      Listing listing, String topicPrefix, TimeInterval window, PlanAssembler assembler) {
    listAll(listing, topicPrefix, assembler);
    return 0;
  }
}
