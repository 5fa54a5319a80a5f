package io.timeshard.cli.offsets;

import io.timeshard.cli.config.RestoreSetup;
import io.timeshard.connect.RestoreSourceConfig;
import io.timeshard.connect.groups.GroupOffsetsSnapshot;
import io.timeshard.connect.restore.BackupRecord;
import io.timeshard.connect.restore.ObjectDecoder;
import io.timeshard.connect.restore.ObjectRecordStream;
import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.PartitionStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.storage.Converter;

/**
 * The consumer groups' committed offsets of the snapshots that {@code GroupOffsetsSourceConnector}
 * wrote: read from the backup of the snapshot topic, or from a restored copy of it, and for each
 * group, topic and partition the latest at or before a time.
 */
final class GroupPositions {

  private final List<GroupOffsetsSnapshot> snapshots;
  private final String source;

  GroupPositions(List<GroupOffsetsSnapshot> snapshots, String source) {
    this.snapshots = snapshots;
    this.source = source;
  }

  String source() {
    return source;
  }

  int records() {
    return snapshots.size();
  }

  /**
   * Per group, topic and partition, the snapshot record of the latest snapshot at or before {@code
   * at} (all of them when empty), ordered by group, topic and partition.
   */
  List<GroupOffsetsSnapshot> latest(Optional<Instant> at) {
    Map<String, GroupOffsetsSnapshot> latest = new HashMap<>();
    for (GroupOffsetsSnapshot snapshot : snapshots) {
      if (at.isPresent() && snapshot.snapshotTime() > at.get().toEpochMilli()) {
        continue;
      }
      String key = snapshot.group() + "\u0000" + snapshot.topic() + "\u0000" + snapshot.partition();
      GroupOffsetsSnapshot known = latest.get(key);
      if (known == null || known.snapshotTime() <= snapshot.snapshotTime()) {
        latest.put(key, snapshot);
      }
    }
    List<GroupOffsetsSnapshot> rows = new ArrayList<>(latest.values());
    rows.sort(
        Comparator.comparing(GroupOffsetsSnapshot::group)
            .thenComparing(GroupOffsetsSnapshot::topic)
            .thenComparingInt(GroupOffsetsSnapshot::partition));
    return rows;
  }

  /**
   * Reads the snapshot topic from the backup, with the restore configuration's store, layout and
   * format, every object of it whatever the window.
   */
  static GroupPositions fromBackup(RestoreSetup restore, String snapshotTopic) {
    Map<String, String> props = new LinkedHashMap<>(restore.props());
    props.put(RestoreSourceConfig.TOPICS_CONFIG, snapshotTopic);
    for (String key :
        List.of(
            RestoreSourceConfig.TOPICS_REGEX_CONFIG,
            RestoreSourceConfig.RESTORE_START_CONFIG,
            RestoreSourceConfig.RESTORE_END_CONFIG,
            RestoreSourceConfig.TIMESTAMP_FIELD_CONFIG,
            RestoreSourceConfig.TIMESTAMP_MODE_CONFIG,
            "transforms")) {
      props.remove(key);
    }
    List<GroupOffsetsSnapshot> snapshots = new ArrayList<>();
    try (RestoreSetup setup =
        RestoreSetup.open(restore.name() + "-snapshots", props, "the restore configuration")) {
      ObjectDecoder decoder = setup.decoder();
      for (PartitionStream stream : setup.plan().streams()) {
        for (BackupObject object : stream.objects()) {
          try (ObjectRecordStream records = decoder.open(object)) {
            for (BackupRecord record = records.next(); record != null; record = records.next()) {
              SchemaAndValue value = record.value();
              if (value == null || value.value() == null) {
                continue;
              }
              snapshots.add(parse(value.value(), "record " + record.index(), object.objectKey()));
            }
          } catch (IOException e) {
            throw new UncheckedIOException(
                "Cannot read backup object '" + object.objectKey() + "': " + e.getMessage(), e);
          }
        }
      }
      return new GroupPositions(
          snapshots, "the backup of '" + snapshotTopic + "' in " + setup.describeStore());
    }
  }

  /**
   * Reads a restored copy of the snapshot topic, converting values with {@code converter} as the
   * worker that restored it did.
   */
  static GroupPositions fromTopic(
      Map<String, Object> consumerConfig, String topic, Converter converter, Duration timeout) {
    Map<String, Object> config = new HashMap<>(consumerConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<GroupOffsetsSnapshot> snapshots = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("Topic '" + topic + "' does not exist");
      }
      List<TopicPartition> partitions =
          infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Reading '" + topic + "' made no progress for " + timeout.toSeconds() + " s");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          deadline = System.nanoTime() + timeout.toNanos();
          if (record.value() == null) {
            continue;
          }
          SchemaAndValue value = converter.toConnectData(topic, record.value());
          snapshots.add(
              parse(value.value(), "offset " + record.offset(), topic + "-" + record.partition()));
        }
      }
    }
    return new GroupPositions(snapshots, "topic '" + topic + "'");
  }

  private static GroupOffsetsSnapshot parse(Object value, String where, String in) {
    try {
      return GroupOffsetsSnapshot.fromValue(value);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Cannot read the group offsets snapshot at "
              + where
              + " of '"
              + in
              + "': "
              + e.getMessage(),
          e);
    }
  }
}
