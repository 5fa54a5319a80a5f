package io.timeshard.connect.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/** What a restore wrote to a topic, read back with JSON values, per partition. */
public final class RestoredTopic {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The records of one partition, in log order. */
  public record Partition(
      List<JsonNode> values, List<Long> timestamps, List<ConsumerRecord<byte[], byte[]>> records) {
    public List<Long> ids() {
      return values.stream().map(v -> v.get("id").asLong()).toList();
    }

    /** The keys, read as UTF-8 text, in log order. */
    public List<String> keys() {
      return records.stream()
          .map(r -> r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8))
          .toList();
    }

    /** For each record in log order: whether it is a tombstone (a null value). */
    public List<Boolean> tombstones() {
      return records.stream().map(r -> r.value() == null).toList();
    }
  }

  private final Map<Integer, Partition> partitions = new TreeMap<>();

  private RestoredTopic() {}

  /** Waits for {@code count} records, then reads everything in the topic. */
  public static RestoredTopic read(
      EmbeddedConnectCluster connect, String topic, int count, long timeoutMs) throws Exception {
    connect.kafka().consume(count, timeoutMs, topic);
    ConsumerRecords<byte[], byte[]> all = connect.kafka().consumeAll(timeoutMs, topic);
    RestoredTopic restored = new RestoredTopic();
    for (ConsumerRecord<byte[], byte[]> record : all) {
      Partition partition =
          restored.partitions.computeIfAbsent(
              record.partition(),
              p -> new Partition(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
      try {
        partition.values().add(record.value() == null ? null : JSON.readTree(record.value()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      partition.timestamps().add(record.timestamp());
      partition.records().add(record);
    }
    return restored;
  }

  /** The customer ids of one partition's records, in log order. */
  public static List<Long> ids(ConsumerRecords<byte[], byte[]> records, int partition) {
    List<Long> ids = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      if (record.partition() != partition) {
        continue;
      }
      try {
        ids.add(JSON.readTree(record.value()).get("id").asLong());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ids;
  }

  public Map<Integer, Partition> partitions() {
    return partitions;
  }

  public Partition partition(int p) {
    return partitions.get(p);
  }

  public int count() {
    return partitions.values().stream().mapToInt(p -> p.values().size()).sum();
  }
}
