package io.timeshard.partitioner;

import io.timeshard.partitioner.listing.ObjectLister;
import org.apache.kafka.common.Configurable;

/**
 * Reads one sink layout back into partition streams.
 *
 * <p>Implementations are created with a public no-argument constructor, then {@link
 * #configure(java.util.Map)} receives the connector's configuration (the sink keys {@code
 * topics.dir}, {@code directory.delim}, {@code path.format}, ...; see {@link PartitionerConfig}). A
 * user class implementing this interface is named in {@code partitioner.class}.
 */
public interface RestorePartitioner extends Configurable {

  /**
   * Lists the backup and groups its value objects into one ordered stream per (topic, Kafka
   * partition). Never lists a time folder whose interval misses {@code request.window()}.
   */
  RestorePlan plan(ObjectLister lister, PlanRequest request);
}
