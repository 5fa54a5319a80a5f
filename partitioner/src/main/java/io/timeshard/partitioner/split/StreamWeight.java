package io.timeshard.partitioner.split;

import io.timeshard.partitioner.PartitionStream;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/** The work one partition stream stands for: its bytes and its objects. */
public record StreamWeight(TopicPartition topicPartition, long bytes, long objects) {

  /**
   * What one object costs beyond its bytes, in byte-equivalents: a request round trip to a cloud
   * store moves about this much data in the time it takes. It keeps a stream of many tiny objects
   * from looking free next to one of a few large ones.
   */
  public static final long OBJECT_COST_BYTES = 256 * 1024;

  public StreamWeight {
    Objects.requireNonNull(topicPartition, "topicPartition");
  }

  public static StreamWeight of(PartitionStream stream) {
    return new StreamWeight(stream.topicPartition(), stream.bytes(), stream.objectCount());
  }

  /** The single figure the splitter balances. */
  public long cost() {
    return bytes + objects * OBJECT_COST_BYTES;
  }
}
