package io.timeshard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.cli.testing.Cli;
import io.timeshard.fixtures.BackupRecord;
import io.timeshard.fixtures.BackupWriter;
import io.timeshard.fixtures.Layout;
import io.timeshard.fixtures.ObjectSink;
import io.timeshard.fixtures.SinkFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disaster recovery to the end, on one embedded Kafka and Connect: three source topics (plain;
 * compacted with deletes, whose tombstones the sink skipped; written by a transactional producer
 * with aborted transactions), a consumer group that read part of each, the group offsets snapshot
 * connector, a sink-shaped backup of all of it with the real offsets, an exactly-once restore to
 * renamed topics that the connector creates, {@code timeshard offsets --execute}, and the group
 * resuming.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DisasterRecoveryIT {

  private static final String GROUP = "billing";
  private static final String SNAPSHOTS = "timeshard.group-offsets";
  private static final long TIMEOUT_MS = 60_000;

  @TempDir static Path backup;
  @TempDir static Path files;
  private static EmbeddedConnectCluster connect;

  @BeforeAll
  static void start() {
    Properties brokerProps = new Properties();
    brokerProps.put("listeners", "EXTERNAL://127.0.0.1:0,CONTROLLER://127.0.0.1:0");
    brokerProps.put("transaction.state.log.replication.factor", "1");
    brokerProps.put("transaction.state.log.min.isr", "1");
    brokerProps.put("group.initial.rebalance.delay.ms", "0");
    Map<String, String> workerProps = new HashMap<>();
    workerProps.put("plugin.discovery", "service_load");
    workerProps.put("offset.flush.interval.ms", "500");
    // The restore runs exactly-once: its transaction markers take offsets of their own.
    workerProps.put("exactly.once.source.support", "enabled");
    connect =
        new EmbeddedConnectCluster.Builder()
            .name("timeshard-dr-it")
            .numWorkers(1)
            .numBrokers(1)
            .brokerProps(brokerProps)
            .workerProps(workerProps)
            .build();
    connect.start();
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      connect.stop();
    }
  }

  @Test
  void theGroupResumesInTheRestoredTopicsWithoutSkippingARecord() throws Exception {
    // ---- The lost cluster: three topics, and a group that read part of each.
    connect.kafka().createTopic("plain", 2);
    connect.kafka().createTopic("compacted", 1, 1, Map.of("cleanup.policy", "compact"));
    connect.kafka().createTopic("txn", 1);
    connect.kafka().createTopic("audit", 1);
    connect.kafka().createTopic(SNAPSHOTS, 1);
    produce();
    Map<TopicPartition, List<ConsumerRecord<String, String>>> source =
        readAll(List.of("plain", "compacted", "txn", "audit"));
    // What the group processed: the first N records of each partition (tombstones included).
    Map<TopicPartition, Integer> processed = new LinkedHashMap<>();
    processed.put(new TopicPartition("plain", 0), 10);
    processed.put(new TopicPartition("plain", 1), 12);
    processed.put(new TopicPartition("compacted", 0), 13);
    processed.put(new TopicPartition("txn", 0), 7);
    processed.put(new TopicPartition("audit", 0), 1);
    Map<TopicPartition, Long> committed = new LinkedHashMap<>();
    processed.forEach((tp, n) -> committed.put(tp, source.get(tp).get(n - 1).offset() + 1));
    commit(GROUP, committed);

    // ---- The snapshot connector captures the group's positions.
    Map<String, String> snapshot = new HashMap<>();
    snapshot.put("connector.class", "io.timeshard.connect.groups.GroupOffsetsSourceConnector");
    snapshot.put("tasks.max", "1");
    snapshot.put("source.cluster.bootstrap.servers", connect.kafka().bootstrapServers());
    snapshot.put("snapshot.interval.seconds", "1");
    snapshot.put("key.converter", JsonConverter.class.getName());
    snapshot.put("value.converter", JsonConverter.class.getName());
    connect.configureConnector("group-offsets", snapshot);
    connect.kafka().consume(committed.size(), TIMEOUT_MS, SNAPSHOTS);
    connect.deleteConnector("group-offsets");

    // ---- The backup the sink wrote: Avro, keys stored, tombstones skipped, 4 records an object.
    writeBackup(source, readSnapshots());

    // ---- Plan, restore to renamed topics that the connector creates.
    Map<String, String> restore = new LinkedHashMap<>();
    restore.put("connector.class", "io.timeshard.connect.RestoreSourceConnector");
    restore.put("tasks.max", "2");
    restore.put("store.url", backup.toUri().toString());
    restore.put("format.class", "io.confluent.connect.s3.format.avro.AvroFormat");
    restore.put("partitioner.class", "io.confluent.connect.storage.partitioner.DefaultPartitioner");
    restore.put("restore.topics", "plain,compacted,txn");
    restore.put("restore.watch", "false");
    restore.put("exactly.once.support", "required");
    // Small polls, a transaction each: the restore's markers land between the records.
    restore.put("record.batch.max.size", "3");
    restore.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    restore.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    restore.put("transforms", "rename");
    restore.put("transforms.rename.type", "org.apache.kafka.connect.transforms.RegexRouter");
    restore.put("transforms.rename.regex", "(.*)");
    restore.put("transforms.rename.replacement", "restored-$1");
    restore.put("target.cluster.bootstrap.servers", connect.kafka().bootstrapServers());
    restore.put("target.topic.create", "true");
    restore.put("target.topic.replication.factor", "1");
    Path file = Cli.configFile(files, "dr", restore);

    Cli.Run plan =
        Cli.run("plan", "--config", file.toString(), "--check-destination", "--kafka-topics");
    assertThat(plan.exitCode()).isZero();
    String servers = connect.kafka().bootstrapServers();
    assertThat(plan.out())
        .contains(
            "kafka-topics.sh --bootstrap-server "
                + servers
                + " --create --topic restored-plain --partitions 2 --replication-factor 1")
        .contains("--create --topic restored-compacted --partitions 1 --replication-factor 1")
        .contains("--create --topic restored-txn --partitions 1 --replication-factor 1");

    connect.configureConnector("dr", restore);
    Map<String, Long> backedUp = new TreeMap<>();
    source.forEach(
        (tp, records) -> {
          if (!tp.topic().equals("audit")) {
            backedUp.merge(
                tp.topic(), records.stream().filter(r -> r.value() != null).count(), Long::sum);
          }
        });
    for (Map.Entry<String, Long> topic : backedUp.entrySet()) {
      connect
          .kafka()
          .consume(topic.getValue().intValue(), TIMEOUT_MS, "restored-" + topic.getKey());
    }
    assertThat(
            connect
                .kafka()
                .describeTopics("restored-plain")
                .get("restored-plain")
                .orElseThrow()
                .partitions())
        .hasSize(2);

    // ---- A consumer of the group still running: refused, left alone.
    Path csv = files.resolve("csv");
    try (KafkaConsumer<String, String> active = consumer(GROUP)) {
      active.subscribe(List.of("restored-plain"));
      long deadline = System.currentTimeMillis() + TIMEOUT_MS;
      while (active.assignment().isEmpty() && System.currentTimeMillis() < deadline) {
        active.poll(Duration.ofMillis(100));
      }
      Cli.Run refused =
          Cli.run(
              "offsets", "--config", file.toString(), "--bootstrap-server", servers, "--execute");
      assertThat(refused.exitCode()).isEqualTo(Timeshard.DIFFERENCE);
      assertThat(refused.out()).contains("Refusing group '" + GROUP + "': it has 1 active member");
    }

    Cli.Run offsets =
        Cli.run(
            "offsets",
            "--config",
            file.toString(),
            "--bootstrap-server",
            servers,
            "--csv-dir",
            csv.toString(),
            "--execute");
    assertThat(offsets.exitCode()).isZero();
    assertThat(offsets.out())
        .containsPattern(GROUP + "\\s+audit\\s+0\\s+1\\s+not restored: left alone")
        .contains("Group '" + GROUP + "': set the offsets of 4 partitions");
    Map<TopicPartition, String[]> printed = printedRows(offsets.out());
    assertThat(Files.readAllLines(csv.resolve(GROUP + ".csv")))
        .containsExactlyInAnyOrder(
            printed.keySet().stream()
                .map(tp -> tp.topic() + "," + tp.partition() + "," + printed.get(tp)[1])
                .toArray(String[]::new));
    // kafka-consumer-groups.sh takes the CSV: its dry run plans the same offsets.
    String plannedByTheTool =
        consumerGroupsTool(
            "--bootstrap-server",
            servers,
            "--group",
            GROUP,
            "--reset-offsets",
            "--from-file",
            csv.resolve(GROUP + ".csv").toString(),
            "--dry-run");
    printed.forEach(
        (tp, row) ->
            assertThat(plannedByTheTool)
                .containsPattern(
                    GROUP + "\\s+" + tp.topic() + "\\s+" + tp.partition() + "\\s+" + row[1]));

    // The same positions from a copy of the snapshot topic in Kafka instead of the backup.
    Cli.Run fromTopic =
        Cli.run(
            "offsets",
            "--config",
            file.toString(),
            "--bootstrap-server",
            servers,
            "--snapshot-from-topic",
            SNAPSHOTS);
    assertThat(fromTopic.exitCode()).isZero();
    assertThat(printedRows(fromTopic.out())).hasSameSizeAs(printed);
    printed.forEach(
        (tp, row) -> assertThat(printedRows(fromTopic.out()).get(tp)).containsExactly(row));

    // ---- The group resumes in the restored topics.
    Map<String, Long> originalOffsetOf = new HashMap<>();
    source
        .values()
        .forEach(
            rs ->
                rs.forEach(
                    r -> {
                      if (r.value() != null) {
                        originalOffsetOf.put(r.value(), r.offset());
                      }
                    }));
    Map<TopicPartition, List<ConsumerRecord<String, String>>> resumed = resume(printed.keySet());
    StringBuilder report = new StringBuilder("Resumed consumers' first records:\n");
    for (Map.Entry<TopicPartition, Long> entry : committed.entrySet()) {
      TopicPartition original = entry.getKey();
      if (original.topic().equals("audit")) {
        continue;
      }
      long committedOffset = entry.getValue();
      TopicPartition restored =
          new TopicPartition("restored-" + original.topic(), original.partition());
      String[] row = printed.get(restored);
      String mapping = row[2];
      long mayRedeliver = Long.parseLong(row[3]);
      List<Long> seen =
          resumed.get(restored).stream().map(r -> originalOffsetOf.get(r.value())).toList();
      TreeSet<Long> notProcessed = new TreeSet<>();
      source.get(original).stream()
          .filter(r -> r.value() != null && r.offset() >= committedOffset)
          .forEach(r -> notProcessed.add(r.offset()));
      long redelivered = seen.stream().filter(o -> o < committedOffset).count();
      ConsumerRecord<String, String> first = resumed.get(restored).get(0);
      report.append(
          String.format(
              "  %s (committed %d): first record at restored offset %d, value %s (original"
                  + " offset %d; the first not processed: %d); %s; re-delivered %d, printed %d%n",
              restored,
              committedOffset,
              first.offset(),
              first.value(),
              seen.get(0),
              notProcessed.first(),
              mapping,
              redelivered,
              mayRedeliver));
      // No record the group had not processed is skipped.
      assertThat(seen).as("%s", restored).containsAll(notProcessed);
      assertThat(seen.get(0)).as("%s", restored).isLessThanOrEqualTo(notProcessed.first());
      assertThat(redelivered).as("%s", restored).isLessThanOrEqualTo(mayRedeliver);
      if (mapping.equals("exact")) {
        assertThat(seen.get(0)).as("%s", restored).isEqualTo(notProcessed.first());
        assertThat(redelivered).as("%s", restored).isZero();
      }
    }
    System.out.println(report);
    assertThat(printed.get(new TopicPartition("restored-plain", 0))[2]).isEqualTo("exact");
    assertThat(printed.get(new TopicPartition("restored-plain", 1))[2]).isEqualTo("exact");
    assertThat(printed.get(new TopicPartition("restored-compacted", 0))[2])
        .isEqualTo("conservative");
    connect.deleteConnector("dr");
  }

  /**
   * plain: 2 partitions of 24 records. compacted: 30 records on 6 keys, every fifth a delete. txn:
   * 8 transactions of 3 records, the third and the sixth aborted. audit: 3 records.
   */
  private static void produce() throws Exception {
    try (KafkaProducer<String, String> producer = producer(null)) {
      for (int p = 0; p < 2; p++) {
        for (int i = 0; i < 24; i++) {
          producer.send(new ProducerRecord<>("plain", p, "k" + i, "plain-" + p + "-" + i));
        }
      }
      for (int i = 0; i < 30; i++) {
        producer.send(
            new ProducerRecord<>(
                "compacted", 0, "k" + (i % 6), i % 5 == 4 ? null : "compacted-" + i));
      }
      for (int i = 0; i < 3; i++) {
        producer.send(new ProducerRecord<>("audit", 0, "a" + i, "audit-" + i));
      }
      producer.flush();
    }
    try (KafkaProducer<String, String> producer = producer("dr-it-txn")) {
      producer.initTransactions();
      for (int t = 0; t < 8; t++) {
        producer.beginTransaction();
        for (int j = 0; j < 3; j++) {
          producer.send(new ProducerRecord<>("txn", 0, "t" + t, "txn-" + t + "-" + j));
        }
        if (t == 2 || t == 5) {
          // Sent before the abort, so that the aborted records and the marker take offsets.
          producer.flush();
          producer.abortTransaction();
        } else {
          producer.commitTransaction();
        }
      }
    }
  }

  private static KafkaProducer<String, String> producer(String transactionalId) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka().bootstrapServers());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    if (transactionalId != null) {
      props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(String group) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka().bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    if (group != null) {
      props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }

  /** Every committed record of the topics' partitions, with the real offsets and their gaps. */
  private static Map<TopicPartition, List<ConsumerRecord<String, String>>> readAll(
      List<String> topics) {
    Map<TopicPartition, List<ConsumerRecord<String, String>>> records = new LinkedHashMap<>();
    try (KafkaConsumer<String, String> consumer = consumer(null)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        consumer
            .partitionsFor(topic)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      partitions.forEach(tp -> records.put(tp, new ArrayList<>()));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.currentTimeMillis() + TIMEOUT_MS;
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        assertThat(System.currentTimeMillis()).as("reading %s", topics).isLessThan(deadline);
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          records.get(new TopicPartition(record.topic(), record.partition())).add(record);
        }
      }
    }
    return records;
  }

  private static void commit(String group, Map<TopicPartition, Long> offsets) {
    try (KafkaConsumer<String, String> consumer = consumer(group)) {
      Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
      offsets.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset)));
      consumer.commitSync(commits);
    }
  }

  /** The snapshot topic's records, converted as a sink with the JSON converter would. */
  private static List<ConsumerRecord<byte[], byte[]>> readSnapshots() throws Exception {
    List<ConsumerRecord<byte[], byte[]>> snapshots = new ArrayList<>();
    connect.kafka().consumeAll(TIMEOUT_MS, SNAPSHOTS).forEach(snapshots::add);
    return snapshots;
  }

  private static void writeBackup(
      Map<TopicPartition, List<ConsumerRecord<String, String>>> source,
      List<ConsumerRecord<byte[], byte[]>> snapshots)
      throws Exception {
    JsonConverter keys = new JsonConverter();
    keys.configure(Map.of("schemas.enable", "true"), true);
    JsonConverter values = new JsonConverter();
    values.configure(Map.of("schemas.enable", "true"), false);
    try (BackupWriter writer =
        BackupWriter.to(ObjectSink.folder(backup))
            .layout(Layout.defaultLayout())
            .format(SinkFormat.AVRO)
            .storeKeys(true)
            .nullValues(BackupWriter.NullValues.IGNORE)
            .flushSize(4)
            .build()) {
      for (Map.Entry<TopicPartition, List<ConsumerRecord<String, String>>> partition :
          source.entrySet()) {
        for (ConsumerRecord<String, String> r : partition.getValue()) {
          writer.write(
              BackupRecord.of(r.topic(), r.partition(), r.offset())
                  .key(Schema.STRING_SCHEMA, r.key())
                  .value(r.value() == null ? null : Schema.STRING_SCHEMA, r.value())
                  .build());
        }
      }
      for (ConsumerRecord<byte[], byte[]> r : snapshots) {
        SchemaAndValue key = keys.toConnectData(r.topic(), r.key());
        SchemaAndValue value = values.toConnectData(r.topic(), r.value());
        writer.write(
            BackupRecord.of(r.topic(), r.partition(), r.offset())
                .key(key.schema(), key.value())
                .value(value.schema(), value.value())
                .build());
      }
    }
  }

  /** Runs kafka-consumer-groups.sh's code in this JVM and returns what it printed. */
  private static String consumerGroupsTool(String... args) {
    java.io.PrintStream stdout = System.out;
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    try (java.io.PrintStream capture =
        new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8)) {
      System.setOut(capture);
      org.apache.kafka.tools.consumer.group.ConsumerGroupCommand.main(args);
    } finally {
      System.setOut(stdout);
    }
    String text = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
    System.out.println("$ kafka-consumer-groups.sh " + String.join(" ", args) + "\n" + text);
    return text;
  }

  /**
   * The printed rows of the mapped partitions: restored partition -> committed, restored offset,
   * mapping, may see again.
   */
  private static Map<TopicPartition, String[]> printedRows(String out) {
    Pattern row =
        Pattern.compile(
            GROUP
                + "\\s+\\S+\\s+(\\d+)\\s+(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(exact|conservative|first"
                + " restored record \\(committed offset before it\\)|end \\(committed offset"
                + " after the last restored record\\))\\s+(\\d+)");
    Map<TopicPartition, String[]> rows = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      Matcher m = row.matcher(line.trim());
      if (m.matches()) {
        rows.put(
            new TopicPartition(m.group(2), Integer.parseInt(m.group(1))),
            new String[] {m.group(3), m.group(4), m.group(5), m.group(6)});
      }
    }
    return rows;
  }

  /** The group's consumer, from its committed offsets to the end of each restored partition. */
  private static Map<TopicPartition, List<ConsumerRecord<String, String>>> resume(
      java.util.Collection<TopicPartition> partitions) {
    Map<TopicPartition, List<ConsumerRecord<String, String>>> records = new LinkedHashMap<>();
    partitions.forEach(tp -> records.put(tp, new ArrayList<>()));
    try (KafkaConsumer<String, String> consumer = consumer(GROUP)) {
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.currentTimeMillis() + TIMEOUT_MS;
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        assertThat(System.currentTimeMillis()).as("resuming").isLessThan(deadline);
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          records.get(new TopicPartition(record.topic(), record.partition())).add(record);
        }
      }
    }
    return records;
  }
}
