package io.timeshard.partitioner.layout;

import io.timeshard.partitioner.AssignedPartitions;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.WatchWindow;
import io.timeshard.partitioner.time.TimeInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

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

  /**
   * A refresh lists each partition folder from after the last key of it seen, where the store
   * starts a listing at a key (see {@link PartitionFolderRefresh}), and the tombstone folder, which
   * holds every partition's files, whole. A task lists its own folders; the connector lists the
   * topic folder one level to find them, unless listing the topic flat takes fewer calls (a topic
   * of at most about a thousand objects per folder). Elsewhere, as a first plan.
   */
  @Override
  protected long refreshTopic(
      Listing listing,
      String topic,
      PlanRequest request,
      WatchWindow watch,
      PlanAssembler assembler) {
    if (!partitionFolders() || !listing.fromAKey()) {
      return collectTopic(listing, topic, request, assembler);
    }
    String topicPrefix = parser().topicPrefix(topic);
    String delim = parser().delimiter();
    String tombstones =
        parser().tombstoneFolder().isEmpty()
            ? null
            : topicPrefix + parser().tombstoneFolder() + delim;
    List<String> folders = new ArrayList<>();
    if (request.partitions() instanceof AssignedPartitions assigned) {
      new TreeSet<>(assigned.partitionsOf(topic))
          .forEach(p -> folders.add(topicPrefix + PARTITION_FOLDER + p + delim));
      if (tombstones != null) {
        folders.add(tombstones);
      }
    } else {
      // One page of a flat listing holds at least a thousand keys in every store.
      if (watch.objects(topic) <= 1_000L * (watch.partitions(topic) + 2)) {
        return collectTopic(listing, topic, request, assembler);
      }
      folders.addAll(listing.list(topicPrefix, delim, assembler::accept));
    }
    listing.forEach(
        folders,
        folder -> {
          Optional<String> start = startKey(topic, folder, topicPrefix, watch, listing);
          if (start.isPresent()) {
            listing.listAfter(folder, null, start.get(), assembler::accept);
          } else {
            listAll(listing, folder, assembler);
          }
          return null;
        });
    return 0;
  }

  private Optional<String> startKey(
      String topic, String folder, String topicPrefix, WatchWindow watch, Listing listing) {
    String name = folder.substring(topicPrefix.length());
    String delim = parser().delimiter();
    if (!name.startsWith(PARTITION_FOLDER) || !name.endsWith(delim)) {
      return Optional.empty();
    }
    String number = name.substring(PARTITION_FOLDER.length(), name.length() - delim.length());
    if (number.isEmpty() || number.length() > 9 || !number.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    TopicPartition partition = new TopicPartition(topic, Integer.parseInt(number));
    return PartitionFolderRefresh.startKey(listing, folder, partition, watch);
  }

  @Override
  protected long collectTopic(
      Listing listing, String topicPrefix, TimeInterval window, PlanAssembler assembler) {
    listAll(listing, topicPrefix, assembler);
    return 0;
  }
}
