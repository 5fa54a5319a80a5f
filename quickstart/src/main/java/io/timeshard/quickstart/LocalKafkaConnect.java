package io.timeshard.quickstart;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * One Kafka broker (KRaft) and one Connect worker, in this process, on 127.0.0.1 ports. Plugins are
 * found through {@code META-INF/services} ({@code plugin.discovery=service_load}), so the restore
 * connector on the class path is all the worker needs.
 */
public final class LocalKafkaConnect implements AutoCloseable {

  private final EmbeddedConnectCluster connect;
  private final Admin admin;

  private LocalKafkaConnect(EmbeddedConnectCluster connect) {
    this.connect = connect;
    this.admin = connect.kafka().createAdminClient();
  }

  /**
   * Starts the broker and the worker.
   *
   * @param workerProps worker settings on top of the defaults (producer tuning, say)
   */
  public static LocalKafkaConnect start(String name, Map<String, String> workerProps) {
    Properties broker = new Properties();
    broker.put("listeners", "EXTERNAL://127.0.0.1:0,CONTROLLER://127.0.0.1:0");
    broker.put("transaction.state.log.replication.factor", "1");
    broker.put("transaction.state.log.min.isr", "1");
    broker.put("auto.create.topics.enable", "false");
    Map<String, String> worker = new HashMap<>();
    worker.put("plugin.discovery", "service_load");
    worker.put("listeners", "http://127.0.0.1:0");
    worker.put("offset.flush.interval.ms", "1000");
    worker.putAll(workerProps);
    EmbeddedConnectCluster cluster =
        new EmbeddedConnectCluster.Builder()
            .name(name)
            .numWorkers(1)
            .numBrokers(1)
            .brokerProps(broker)
            .workerProps(worker)
            .build();
    cluster.start();
    try {
      return new LocalKafkaConnect(cluster);
    } catch (RuntimeException e) {
      cluster.stop();
      throw e;
    }
  }

  public static LocalKafkaConnect start(String name) {
    return start(name, Map.of());
  }

  public String bootstrapServers() {
    return connect.kafka().bootstrapServers();
  }

  public void createTopic(String topic, int partitions) {
    connect.kafka().createTopic(topic, partitions);
  }

  public void startConnector(String name, Map<String, String> config) {
    connect.configureConnector(name, config);
  }

  public void deleteConnector(String name) {
    connect.deleteConnector(name);
  }

  /** The trace of the first failed task or connector, or {@code null} while none has failed. */
  public String failure(String connector) {
    ConnectorStateInfo status;
    try {
      status = connect.connectorStatus(connector);
    } catch (RuntimeException notYetThere) {
      return null;
    }
    if ("FAILED".equals(status.connector().state())) {
      return status.connector().trace();
    }
    for (ConnectorStateInfo.TaskState task : status.tasks()) {
      if ("FAILED".equals(task.state())) {
        return "task " + task.id() + ": " + task.trace();
      }
    }
    return null;
  }

  /** The number of records in each partition of {@code topic} (its end offsets). */
  public Map<Integer, Long> recordCounts(String topic) {
    try {
      TopicDescription description =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (TopicPartitionInfo info : description.partitions()) {
        latest.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest());
      }
      Map<Integer, Long> counts = new TreeMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get()
          .forEach((tp, info) -> counts.put(tp.partition(), info.offset()));
      return counts;
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot read the end offsets of " + topic, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading end offsets", e);
    }
  }

  /** Receives the records of a topic, each partition's in log order. */
  @FunctionalInterface
  public interface RecordVisitor {
    void visit(int partition, byte[] value);
  }

  /**
   * Reads a topic from the start until {@code expected} records were read or {@code timeout}
   * passed, handing each value to {@code visitor} without keeping it.
   *
   * @return the number of records read
   */
  public long readAll(String topic, long expected, Duration timeout, RecordVisitor visitor) {
    long read = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (read < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          visitor.visit(record.partition(), record.value());
          read++;
        }
      }
    }
    return read;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(config);
  }

  @Override
  public void close() {
    try {
      admin.close();
    } finally {
      connect.stop();
    }
  }
}
