package io.timeshard.partitioner;

import io.timeshard.partitioner.listing.ObjectLister;
import org.apache.kafka.common.Configurable;

/**
 * Reads one sink layout back into partition streams.
 *
 * <p>Implementations are created with a public no-argument constructor, then {@link
 * #configure(java.util.Map)} receives the connector's configuration (the sink keys {@code
 * topics.dir}, {@code directory.delim}, {@code path.format}, ...; see {@link PartitionerConfig}). A
 * user class implementing this interface is named in {@code partitioner.class}. For a layout of the
 * sinks' file names in folders of one's own, extend {@link
 * io.timeshard.partitioner.layout.FolderLayoutRestorePartitioner} instead, which plans it with the
 * built-in layouts' pruning, companions and order.
 */
public interface RestorePartitioner extends Configurable {

  /**
   * Lists the backup and groups its value objects into one ordered stream per (topic, Kafka
   * partition). Never lists a time folder whose interval misses {@code request.window()}.
   *
   * @param lister the store's paged listing; called from the connector's planning thread
   * @param request the topics, window and format to plan, and the partitions to keep
   * @return the streams, each in restore order, and what planning cost
   */
  RestorePlan plan(ObjectLister lister, PlanRequest request);

  /**
   * Looks for new objects after a first plan: lists only where new objects can appear, as {@code
   * watch} knows them from the plans it {@linkplain WatchWindow#saw(RestorePlan) saw}. The plan
   * returned holds the objects found there, which may be a part of each stream only; a caller
   * compares it with what it queued. The default plans the window {@link WatchWindow#next()}.
   *
   * @param request the request of the first plan
   * @param watch what earlier plans saw; the caller notes the returned plan in it
   */
  default RestorePlan refresh(ObjectLister lister, PlanRequest request, WatchWindow watch) {
    return plan(lister, request.withWindow(watch.next()));
  }
}
