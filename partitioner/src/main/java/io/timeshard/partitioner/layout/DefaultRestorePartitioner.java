package io.timeshard.partitioner.layout;

import io.timeshard.partitioner.time.TimeInterval;

/**
 * Reads the sinks' {@code DefaultPartitioner} layout, {@code <topic>/partition=<N>/}. The folders
 * carry no time, so a topic is listed flat, in as few pages as the store allows.
 */
public class DefaultRestorePartitioner extends AbstractRestorePartitioner {

  @Override
  protected long collectTopic(
      Listing listing, String topicPrefix, TimeInterval window, PlanAssembler assembler) {
    listAll(listing, topicPrefix, assembler);
    return 0;
  }
}
