package io.timeshard.connect.groups;

import io.timeshard.connect.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the selected groups' committed offsets every interval and hands them to Connect as one
 * record per group, topic and partition, all stamped with the snapshot's time.
 */
public class GroupOffsetsSourceTask extends SourceTask {

  private static final Logger log = LoggerFactory.getLogger(GroupOffsetsSourceTask.class);

  /** The longest a poll waits for the next snapshot, so that Connect can stop the task. */
  static final long POLL_WAIT_MS = 500;

  private static final long ADMIN_TIMEOUT_SECONDS = 60;

  private static final Map<String, Object> SOURCE_PARTITION = Map.of("snapshot", "group-offsets");

  private GroupOffsetsSourceConfig config;
  private Admin admin;
  private long nextSnapshotMillis;

  /** Held by a poll while it runs and by {@link #stop} while it closes the admin client. */
  private final Semaphore access = new Semaphore(1);

  private volatile boolean stopping;

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    config = new GroupOffsetsSourceConfig(props);
    Map<String, Object> adminConfig = new HashMap<>(config.sourceClusterConfig());
    adminConfig.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "timeshard-group-offsets");
    admin = Admin.create(adminConfig);
    nextSnapshotMillis = System.currentTimeMillis();
    log.info(
        "Snapshotting the offsets of groups matching '{}' but not '{}' every {} s to '{}'",
        config.groups(),
        config.excludedGroups(),
        config.interval().toSeconds(),
        config.topic());
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    if (stopping || !access.tryAcquire()) {
      return null;
    }
    try {
      if (stopping) {
        return null;
      }
      long now = System.currentTimeMillis();
      if (now < nextSnapshotMillis) {
        Thread.sleep(Math.min(nextSnapshotMillis - now, POLL_WAIT_MS));
        return null;
      }
      nextSnapshotMillis = now + config.interval().toMillis();
      return snapshot(now);
    } finally {
      access.release();
    }
  }

  private List<SourceRecord> snapshot(long time) throws InterruptedException {
    long started = System.nanoTime();
    List<String> groups = new ArrayList<>();
    try {
      for (String group : groupIds()) {
        if (config.selects(group)) {
          groups.add(group);
        }
      }
      groups.sort(null);
      if (groups.isEmpty()) {
        log.debug("No group to snapshot");
        return List.of();
      }
      Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
      groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
      Map<String, Map<TopicPartition, OffsetAndMetadata>> offsets =
          admin.listConsumerGroupOffsets(specs).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<SourceRecord> records = new ArrayList<>();
      for (String group : groups) {
        Map<TopicPartition, OffsetAndMetadata> committed = new TreeMap<>(PARTITION_ORDER);
        committed.putAll(offsets.getOrDefault(group, Map.of()));
        committed.forEach(
            (tp, offset) -> {
              if (offset != null) {
                records.add(record(group, tp, offset, time));
              }
            });
      }
      log.info(
          "Snapshot of {} groups' committed offsets: {} partitions in {} ms",
          groups.size(),
          records.size(),
          (System.nanoTime() - started) / 1_000_000);
      return records;
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new RetriableException(
          "Cannot read the committed offsets of the consumer groups from "
              + config.sourceClusterConfig().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
              + " (source.cluster.*): "
              + cause.getMessage(),
          cause);
    }
  }

  /**
   * The consumer groups of the source cluster: {@code listGroups} from Kafka 4.0 on; on older
   * workers, whose clients lack it, {@code listConsumerGroups}, which Kafka 4.1 deprecated.
   */
  private List<String> groupIds()
      throws ExecutionException, TimeoutException, InterruptedException {
    List<String> ids = new ArrayList<>();
    try {
      for (GroupListing listing :
          admin
              .listGroups(ListGroupsOptions.forConsumerGroups())
              .all()
              .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        ids.add(listing.groupId());
      }
      return ids;
    } catch (NoSuchMethodError | NoClassDefFoundError e) {
      return consumerGroupIds();
    }
  }

  @SuppressWarnings({"deprecation", "removal"})
  private List<String> consumerGroupIds()
      throws ExecutionException, TimeoutException, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (org.apache.kafka.clients.admin.ConsumerGroupListing listing :
        admin.listConsumerGroups().all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      ids.add(listing.groupId());
    }
    return ids;
  }

  private static final java.util.Comparator<TopicPartition> PARTITION_ORDER =
      java.util.Comparator.comparing(TopicPartition::topic)
          .thenComparingInt(TopicPartition::partition);

  private SourceRecord record(
      String group, TopicPartition tp, OffsetAndMetadata offset, long time) {
    String metadata = offset.metadata();
    GroupOffsetsSnapshot snapshot =
        new GroupOffsetsSnapshot(
            group,
            tp.topic(),
            tp.partition(),
            offset.offset(),
            metadata == null || metadata.isEmpty() ? null : metadata,
            time);
    return new SourceRecord(
        SOURCE_PARTITION,
        Map.of(GroupOffsetsSnapshot.SNAPSHOT_TIME, time),
        config.topic(),
        null,
        GroupOffsetsSnapshot.KEY_SCHEMA,
        snapshot.key(),
        GroupOffsetsSnapshot.VALUE_SCHEMA,
        snapshot.value(),
        time);
  }

  @Override
  public void stop() {
    stopping = true;
    access.acquireUninterruptibly();
    try {
      if (admin != null) {
        admin.close();
      }
    } finally {
      access.release();
    }
  }
}
