package io.timeshard.cli.verify;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * The records of one restored partition, from its first offset to the end it had when reading
 * started, read with a consumer assigned to it alone.
 */
final class RestoredRecords implements Iterator<ComparedRecord> {

  private final Consumer<byte[], byte[]> consumer;
  private final TopicPartition partition;
  private final long end;
  private final Converters.Data keys;
  private final Converters.Data values;
  private final boolean headers;
  private final String originHeader;
  private final boolean timestamps;
  private final Duration stallTimeout;
  private final Deque<ConsumerRecord<byte[], byte[]>> buffer = new ArrayDeque<>();

  RestoredRecords(
      Consumer<byte[], byte[]> consumer,
      TopicPartition partition,
      Converters.Data keys,
      Converters.Data values,
      boolean headers,
      String originHeader,
      boolean timestamps,
      Duration stallTimeout) {
    this.consumer = consumer;
    this.partition = partition;
    this.keys = keys;
    this.values = values;
    this.headers = headers;
    this.originHeader = originHeader;
    this.timestamps = timestamps;
    this.stallTimeout = stallTimeout;
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    Map<TopicPartition, Long> ends = consumer.endOffsets(List.of(partition));
    this.end = ends.getOrDefault(partition, 0L);
  }

  @Override
  public boolean hasNext() {
    long stalledSince = System.nanoTime();
    while (buffer.isEmpty() && consumer.position(partition) < end) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        if (record.offset() < end) {
          buffer.addLast(record);
        }
      }
      if (!buffer.isEmpty()) {
        break;
      }
      if (System.nanoTime() - stalledSince > stallTimeout.toNanos()) {
        throw new IllegalStateException(
            "Reading "
                + partition
                + " made no progress for "
                + stallTimeout.toSeconds()
                + " s at offset "
                + consumer.position(partition)
                + " of "
                + end
                + "; is the cluster reachable and the consumer allowed to read it?");
      }
    }
    return !buffer.isEmpty();
  }

  @Override
  public ComparedRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ConsumerRecord<byte[], byte[]> record = buffer.removeFirst();
    List<ComparedRecord.HeaderBytes> headerBytes = new ArrayList<>();
    if (headers) {
      for (Header header : record.headers()) {
        if (header.key().equals(originHeader)) {
          // Added by the restore, absent from the backup: not compared.
          continue;
        }
        headerBytes.add(
            new ComparedRecord.HeaderBytes(
                header.key(), header.value() == null ? null : ByteBuffer.wrap(header.value())));
      }
    }
    return new ComparedRecord(
        keys.conversion().isPresent() ? keys.comparable().apply(record.key()) : null,
        values.conversion().isPresent() ? values.comparable().apply(record.value()) : null,
        headerBytes,
        timestamps ? record.timestamp() : null,
        "offset " + record.offset());
  }
}
