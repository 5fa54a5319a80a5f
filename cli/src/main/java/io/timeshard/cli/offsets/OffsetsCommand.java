package io.timeshard.cli.offsets;

import io.timeshard.cli.Timeshard;
import io.timeshard.cli.config.RestoreSetup;
import io.timeshard.cli.text.TextTable;
import io.timeshard.connect.RestoreSourceConfig;
import io.timeshard.connect.config.RestoreWindowParser;
import io.timeshard.connect.format.json.KafkaJsonConverter;
import io.timeshard.connect.groups.GroupOffsetsSnapshot;
import io.timeshard.connect.groups.GroupOffsetsSourceConfig;
import io.timeshard.connect.plan.TopicRenames;
import io.timeshard.connect.restore.OriginHeader;
import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.RestorePlan;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.storage.Converter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code timeshard offsets}: maps the consumer groups' committed offsets of the lost cluster to the
 * restored topics, and sets them.
 */
@Command(
    name = "offsets",
    mixinStandardHelpOptions = true,
    header = "Moves the consumer groups to where they stopped, in the restored topics.",
    description = {
      "Reads the consumer groups' committed offsets that GroupOffsetsSourceConnector snapshotted"
          + " in the lost cluster: from the backup of its topic (the restore configuration's"
          + " store, layout and format), or with --snapshot-from-topic from a restored copy of it."
          + " For each group, topic and partition it takes the latest snapshot at or before --at:"
          + " by default the restore window's end, else the latest.",
      "Each committed offset is mapped to the restored partition (the configuration's"
          + " RegexRouter renames) with the header every restored record carries"
          + " (restore.origin.header): to the first restored record whose original offset may be"
          + " at or after it, so that no record is skipped. 'exact' where the backup proves the"
          + " offsets (contiguous objects), 'conservative' where compaction, transaction markers"
          + " or aborted records left gaps: 'may see again' counts the records the group may"
          + " have processed already. A committed offset before the first restored record maps"
          + " to it; one after the last restored record, to the partition's end. A group on a"
          + " partition that was not restored is reported and left alone.",
      "--csv-dir writes <group>.csv per group for kafka-consumer-groups.sh --reset-offsets"
          + " --from-file; --execute sets the offsets through the Admin API, refusing a group"
          + " that has active members."
    })
public final class OffsetsCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The restore configuration (JSON), as PUT to Connect.")
  Path config;

  @Option(
      names = "--bootstrap-server",
      required = true,
      paramLabel = "HOST:PORT",
      description = "The Kafka cluster the backup was restored to, where the groups are moved.")
  String bootstrapServer;

  @Option(
      names = "--at",
      paramLabel = "TIME",
      description =
          "Take the latest snapshot at or before this time, in the forms restore.end accepts."
              + " Default: restore.end, else the latest snapshot.")
  String at;

  @Option(
      names = "--snapshot-topic",
      defaultValue = GroupOffsetsSourceConfig.TOPIC_DEFAULT,
      paramLabel = "TOPIC",
      description = "The snapshot topic in the backup. Default: ${DEFAULT-VALUE}.")
  String snapshotTopic;

  @Option(
      names = "--snapshot-from-topic",
      paramLabel = "TOPIC",
      description =
          "Read the snapshots from this topic of the --bootstrap-server cluster (a restored copy"
              + " of the snapshot topic) instead of the backup, with --snapshot-converter.")
  String snapshotFromTopic;

  @Option(
      names = "--snapshot-converter",
      defaultValue = "org.apache.kafka.connect.json.JsonConverter",
      paramLabel = "CLASS",
      description =
          "The converter of --snapshot-from-topic's values: JsonConverter (the default) reads JSON"
              + " with or without its schema; another converter on the class path is configured"
              + " with the configuration's value.converter.* settings. Default: ${DEFAULT-VALUE}.")
  String snapshotConverter;

  @Option(
      names = "--groups",
      defaultValue = ".*",
      paramLabel = "REGEX",
      description = "Only the groups whose ids match this Java regex. Default: ${DEFAULT-VALUE}.")
  String groups;

  @Option(
      names = "--csv-dir",
      paramLabel = "DIR",
      description =
          "Write <group>.csv (topic,partition,offset lines) for kafka-consumer-groups.sh"
              + " --reset-offsets --from-file.")
  Path csvDir;

  @Option(
      names = "--execute",
      negatable = false,
      description =
          "Set the mapped offsets through the Admin API. A group with active members is refused"
              + " and left alone.")
  boolean execute;

  @Option(
      names = "--consumer-config",
      paramLabel = "FILE",
      description =
          "Client properties (security.protocol, sasl.*, ssl.*) for reading and altering the"
              + " restored cluster.")
  Path consumerConfig;

  @Option(
      names = "--timeout",
      defaultValue = "60",
      paramLabel = "SECONDS",
      description =
          "Give up on a read that makes no progress this long. Default: ${DEFAULT-VALUE}.")
  long timeout;

  /** One group's position on one partition, and what became of it. */
  record Row(
      GroupOffsetsSnapshot snapshot,
      TopicPartition restored,
      String note,
      OriginIndex.Translation translation) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Pattern groupPattern = Pattern.compile(groups);
    Map<String, Object> clientConfig = clientConfig();
    try (RestoreSetup setup = RestoreSetup.open(config)) {
      RestoreSourceConfig restore = setup.config();
      Optional<Instant> time = time(restore);
      GroupPositions positions =
          snapshotFromTopic != null
              ? GroupPositions.fromTopic(
                  clientConfig, snapshotFromTopic, snapshotConverter(setup.props()), timeout())
              : GroupPositions.fromBackup(setup, snapshotTopic);
      List<GroupOffsetsSnapshot> latest = new ArrayList<>();
      for (GroupOffsetsSnapshot snapshot : positions.latest(time)) {
        if (groupPattern.matcher(snapshot.group()).matches()
            && !snapshot.topic().equals(snapshotTopic)) {
          latest.add(snapshot);
        }
      }
      out.printf(
          "Group offsets from %s (%d snapshot records), the latest at or before %s%n",
          positions.source(),
          positions.records(),
          time.map(Instant::toString).orElse("now (no --at, no restore.end)"));
      long newest = latest.stream().mapToLong(GroupOffsetsSnapshot::snapshotTime).max().orElse(-1);
      if (newest < 0) {
        out.println("No snapshot of a selected group: nothing to do.");
        out.flush();
        return Timeshard.OK;
      }
      out.printf("Snapshot taken at %s%n", Instant.ofEpochMilli(newest));

      String header = restore.originHeader().orElse(null);
      if (header == null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            RestoreSourceConfig.ORIGIN_HEADER_CONFIG
                + " is empty in the configuration: the restored records name no origin, so"
                + " offsets cannot be mapped");
      }
      RestorePlan plan = setup.plan();
      Map<TopicPartition, PartitionStream> streams = new HashMap<>();
      plan.streams().forEach(s -> streams.put(s.topicPartition(), s));
      TopicRenames renames = TopicRenames.of(setup.props());
      List<Row> rows = new ArrayList<>();
      Map<TopicPartition, Optional<OriginIndex>> indexes = new HashMap<>();
      try (KafkaConsumer<byte[], byte[]> consumer = consumer(clientConfig)) {
        for (GroupOffsetsSnapshot snapshot : latest) {
          TopicPartition original = new TopicPartition(snapshot.topic(), snapshot.partition());
          PartitionStream stream = streams.get(original);
          if (stream == null) {
            rows.add(new Row(snapshot, null, "not restored: left alone", null));
            continue;
          }
          TopicPartition restored =
              new TopicPartition(renames.apply(snapshot.topic()), snapshot.partition());
          Optional<OriginIndex> index =
              indexes.computeIfAbsent(
                  restored, tp -> scan(consumer, tp, header, mayInterleave(setup.props(), stream)));
          if (index.isEmpty()) {
            rows.add(new Row(snapshot, restored, "restored partition missing: left alone", null));
          } else if (index.get().size() == 0) {
            rows.add(
                new Row(
                    snapshot,
                    restored,
                    "no restored record with header '" + header + "': left alone",
                    null));
          } else {
            rows.add(new Row(snapshot, restored, null, index.get().translate(snapshot.offset())));
          }
        }
      }
      print(out, rows);
      Map<String, Map<TopicPartition, OffsetAndMetadata>> byGroup = new LinkedHashMap<>();
      for (Row row : rows) {
        if (row.translation() != null) {
          byGroup
              .computeIfAbsent(row.snapshot().group(), g -> new LinkedHashMap<>())
              .put(row.restored(), new OffsetAndMetadata(row.translation().restoredOffset()));
        }
      }
      if (csvDir != null) {
        writeCsv(out, byGroup);
      }
      int result = Timeshard.OK;
      if (execute) {
        result = alter(out, clientConfig, byGroup);
      }
      out.flush();
      return result;
    }
  }

  private Duration timeout() {
    return Duration.ofSeconds(timeout);
  }

  private Optional<Instant> time(RestoreSourceConfig restore) {
    if (at != null) {
      try {
        return RestoreWindowParser.parse(at, restore.restoreZone());
      } catch (DateTimeException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--at " + at + " is not " + RestoreWindowParser.accepted());
      }
    }
    long end = restore.window().endMillis();
    return end == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(end));
  }

  private Map<String, Object> clientConfig() throws IOException {
    Map<String, Object> props = new HashMap<>();
    if (consumerConfig != null) {
      Properties file = new Properties();
      try (InputStream in = Files.newInputStream(consumerConfig)) {
        file.load(in);
      }
      file.forEach((k, v) -> props.put((String) k, v));
    }
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
    return props;
  }

  private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> clientConfig) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** The converter of the snapshot topic's values. */
  private Converter snapshotConverter(Map<String, String> props) throws Exception {
    String name = snapshotConverter.trim();
    Map<String, Object> settings = new HashMap<>();
    if (name.equals(KafkaJsonConverter.CLASS_NAME)) {
      // With or without the schema envelope: both read as maps.
      settings.put(KafkaJsonConverter.SCHEMAS_ENABLE_CONFIG, "false");
    } else {
      props.forEach(
          (k, v) -> {
            if (k.startsWith("value.converter.")) {
              settings.put(k.substring("value.converter.".length()), v);
            }
          });
    }
    Converter converter = (Converter) Class.forName(name).getDeclaredConstructor().newInstance();
    converter.configure(settings, false);
    return converter;
  }

  /**
   * True when the sink may have written several objects of a Kafka partition at once, so that their
   * offsets interleave: the field partitioner, a time-based one with a record time, or tombstones
   * in their own folder.
   */
  static boolean mayInterleave(Map<String, String> props, PartitionStream stream) {
    String partitioner = props.getOrDefault("partitioner.class", "").trim();
    String extractor = props.getOrDefault("timestamp.extractor", "Wallclock").trim();
    if (partitioner.endsWith("FieldPartitioner")) {
      return true;
    }
    boolean timeBased =
        partitioner.endsWith("TimeBasedPartitioner")
            || partitioner.endsWith("HourlyPartitioner")
            || partitioner.endsWith("DailyPartitioner");
    if (timeBased && !extractor.equalsIgnoreCase("Wallclock")) {
      return true;
    }
    return stream.objects().stream().anyMatch(BackupObject::isTombstone);
  }

  /** Reads a restored partition's origin headers; empty when the partition does not exist. */
  private Optional<OriginIndex> scan(
      KafkaConsumer<byte[], byte[]> consumer,
      TopicPartition tp,
      String header,
      boolean interleave) {
    List<PartitionInfo> infos = consumer.partitionsFor(tp.topic(), timeout());
    if (infos == null || infos.stream().noneMatch(p -> p.partition() == tp.partition())) {
      return Optional.empty();
    }
    OriginIndex index = new OriginIndex(interleave);
    consumer.assign(List.of(tp));
    consumer.seekToBeginning(List.of(tp));
    long end = consumer.endOffsets(List.of(tp), timeout()).get(tp);
    long deadline = System.nanoTime() + timeout().toNanos();
    while (consumer.position(tp, timeout()) < end) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Reading "
                + tp
                + " made no progress for "
                + timeout
                + " s at offset "
                + consumer.position(tp)
                + " of "
                + end);
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        deadline = System.nanoTime() + timeout().toNanos();
        Header origin = record.headers().lastHeader(header);
        Optional<OriginHeader> parsed =
            origin == null ? Optional.empty() : OriginHeader.parse(origin.value());
        if (parsed.isPresent()) {
          index.add(record.offset(), parsed.get());
        } else {
          index.addWithoutOrigin();
        }
      }
    }
    index.endOffset(end);
    return Optional.of(index);
  }

  private static void print(PrintWriter out, List<Row> rows) {
    out.println();
    TextTable table =
        new TextTable(
            "group",
            "topic",
            ">partition",
            "restored topic",
            ">committed",
            ">restored offset",
            "mapping",
            ">may see again");
    for (Row row : rows) {
      GroupOffsetsSnapshot s = row.snapshot();
      OriginIndex.Translation t = row.translation();
      table.row(
          s.group(),
          s.topic(),
          s.partition(),
          row.restored() == null ? "" : row.restored().topic(),
          s.offset(),
          t == null ? "" : t.restoredOffset(),
          t == null ? row.note() : t.kind().toString(),
          t == null ? "" : t.mayRedeliver());
    }
    out.print(table);
  }

  private void writeCsv(
      PrintWriter out, Map<String, Map<TopicPartition, OffsetAndMetadata>> byGroup)
      throws IOException {
    Files.createDirectories(csvDir);
    out.println();
    for (Map.Entry<String, Map<TopicPartition, OffsetAndMetadata>> group : byGroup.entrySet()) {
      StringBuilder csv = new StringBuilder();
      group
          .getValue()
          .forEach(
              (tp, offset) ->
                  csv.append(tp.topic())
                      .append(',')
                      .append(tp.partition())
                      .append(',')
                      .append(offset.offset())
                      .append('\n'));
      Path file = csvDir.resolve(group.getKey() + ".csv");
      Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
      out.printf(
          "Wrote %s: kafka-consumer-groups.sh --bootstrap-server %s --group %s --reset-offsets"
              + " --from-file %s --execute%n",
          file, bootstrapServer, group.getKey(), file);
    }
  }

  /** The group's active members; none for a group the cluster does not know yet. */
  private Collection<MemberDescription> members(Admin admin, String group) throws Exception {
    try {
      ConsumerGroupDescription description =
          admin
              .describeConsumerGroups(List.of(group))
              .describedGroups()
              .get(group)
              .get(timeout, TimeUnit.SECONDS);
      return description.members();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return List.of();
      }
      throw e;
    }
  }

  private int alter(
      PrintWriter out,
      Map<String, Object> clientConfig,
      Map<String, Map<TopicPartition, OffsetAndMetadata>> byGroup)
      throws Exception {
    int result = Timeshard.OK;
    out.println();
    try (Admin admin = Admin.create(clientConfig)) {
      for (Map.Entry<String, Map<TopicPartition, OffsetAndMetadata>> group : byGroup.entrySet()) {
        String id = group.getKey();
        Collection<MemberDescription> members = members(admin, id);
        if (!members.isEmpty()) {
          List<String> names = new ArrayList<>();
          members.forEach(m -> names.add(m.clientId() + " on " + m.host()));
          out.printf(
              "Refusing group '%s': it has %d active member%s (%s). Its consumers would overwrite"
                  + " the offsets; stop them, then run this again.%n",
              id, members.size(), members.size() == 1 ? "" : "s", String.join(", ", names));
          result = Timeshard.DIFFERENCE;
          continue;
        }
        admin.alterConsumerGroupOffsets(id, group.getValue()).all().get(timeout, TimeUnit.SECONDS);
        out.printf("Group '%s': set the offsets of %d partitions%n", id, group.getValue().size());
      }
    }
    return result;
  }
}
