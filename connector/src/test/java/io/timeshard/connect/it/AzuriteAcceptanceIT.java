package io.timeshard.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timeshard.connect.RestoreSourceConnector;
import io.timeshard.connect.store.testing.AzuriteExtension;
import io.timeshard.connect.testing.AzuriteBackup;
import io.timeshard.connect.testing.ConnectClusters;
import io.timeshard.connect.testing.CustomerBackup;
import io.timeshard.connect.testing.RestoreMetrics;
import io.timeshard.connect.testing.RestoredTopic;
import io.timeshard.connect.testing.Sequences;
import io.timeshard.connect.testing.TaskShares;
import io.timeshard.fixtures.BackupRecord;
import io.timeshard.fixtures.BackupWriter;
import io.timeshard.fixtures.FaultInjectingProxy;
import io.timeshard.fixtures.Layout;
import io.timeshard.fixtures.SinkFormat;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The acceptance tests of the object-store issue: the restore configurations of the write-up
 * restore correctly from Azure Blob Storage (Azurite) with two changes only, {@code
 * connector.class} set to Timeshard's and the endpoint ({@code azblob.endpoint}) pointed at
 * Azurite, whose well-known account and key take the places of {@code YOUR_ACCOUNT_NAME} and {@code
 * YOUR_ACCOUNT_KEY}.
 *
 * <p>Every restore writes to the backed-up topic itself, as {@code RESTORE_BACKUP} does, so each
 * run gets the destination topic deleted and created afresh (4 partitions, as the backup). A run is
 * checked once the tasks' JMX beans say that everything planned was read and acknowledged: the
 * counts are then exact, not "at least".
 *
 * <p>The build runs this class in a JVM of its own whose log (at INFO, as a production worker logs)
 * goes to a file; the last test searches that file for the account key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AzuriteAcceptanceIT {

  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();

  /** The write-up's configuration for a backup written with the default partitioner. */
  private static final String WRITE_UP_DEFAULT =
      """
      {
        "connector.class": "io.confluent.connect.azure.blob.storage.AzureBlobStorageSourceConnector",
        "tasks.max": "4",
        "confluent.topic.replication.factor": "1",
        "format.class": "io.confluent.connect.azure.blob.storage.format.avro.AvroFormat",
        "confluent.topic.bootstrap.servers": "broker:19091",
        "mode": "RESTORE_BACKUP",
        "partitioner.class": "io.confluent.connect.storage.partitioner.DefaultPartitioner",
        "azblob.account.name": "YOUR_ACCOUNT_NAME",
        "azblob.account.key": "YOUR_ACCOUNT_KEY",
        "azblob.container.name": "YOUR_CONTAINER"
      }
      """;

  /** The write-up's configuration for a backup written with the time-based partitioner. */
  private static final String WRITE_UP_TIME_BASED =
      """
      {
        "connector.class": "io.confluent.connect.azure.blob.storage.AzureBlobStorageSourceConnector",
        "tasks.max": "4",
        "confluent.topic.replication.factor": "1",
        "format.class": "io.confluent.connect.azure.blob.storage.format.avro.AvroFormat",
        "confluent.topic.bootstrap.servers": "broker:19091",
        "mode": "RESTORE_BACKUP",
        "partitioner.class": "io.confluent.connect.storage.partitioner.TimeBasedPartitioner",
        "partition.duration.ms": "60000",
        "timestamp.extractor": "Record",
        "path.format": "YYYY/MM/dd/HH",
        "locale": "en-US",
        "timezone": "Europe/Madrid",
        "azblob.account.name": "YOUR_ACCOUNT_NAME",
        "azblob.account.key": "YOUR_ACCOUNT_KEY",
        "azblob.container.name": "YOUR_CONTAINER"
      }
      """;

  /** The SMT recipe of the write-up, added to the default partitioner's configuration. */
  private static final String WRITE_UP_SMT_RECIPE =
      """
      {
        "transforms": "filterByTime,dropField",
        "transforms.filterByTime.type": "io.timeshard.smt.FilterByFieldTimestamp",
        "transforms.filterByTime.timestamp.field": "event_timestamp",
        "transforms.filterByTime.start.datetime": "20250516131200",
        "transforms.filterByTime.end.datetime": "20250516131400",
        "transforms.dropField.type": "org.apache.kafka.connect.transforms.ReplaceField$Value",
        "transforms.dropField.blacklist": "event_timestamp"
      }
      """;

  private static final int PARTITIONS = 4;
  private static final int DEFAULT_PER_PARTITION = 200;
  private static final int DEFAULT_FLUSH_SIZE = 10;
  private static final int TIME_BASED_PER_PARTITION = 100;
  private static final long TIMEOUT_MS = 120_000;

  /** The recipe's window, 13:12:00.000 (inclusive) to 13:14:00.000 (exclusive) UTC. */
  private static final Instant WINDOW_START = Instant.parse("2025-05-16T13:12:00Z");

  private static final Instant WINDOW_END = Instant.parse("2025-05-16T13:14:00Z");

  /**
   * The event_timestamp of record {@code i} of every partition of the window backup, in backup
   * order: every 5 s from 13:10 to 13:16 (the bounds themselves among them), then each bound and a
   * millisecond either side, then two late records, one inside and one outside.
   */
  private static final List<Instant> EVENT_TIMES = eventTimes();

  /** The 10% fault proxy's seed; see {@link #transientFaultsLoseAndRepeatNoRecord()}. */
  private static final long FAULT_SEED = 1543;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String CLUSTER = "azurite-acceptance";

  /** Where the embedded worker keeps connector and task configurations. */
  private static final String CONFIG_TOPIC = "connect-config-topic-" + CLUSTER;

  @TempDir static Path secrets;

  private static EmbeddedConnectCluster connect;
  private static AzuriteBackup customers;
  private static AzuriteBackup customerst;
  private static AzuriteBackup window;
  private static AzuriteBackup accounts;

  /** The compacted topic's backup: 20 records a partition, every fifth a tombstone. */
  private static final int COMPACTED_PER_PARTITION = 20;

  @BeforeAll
  static void start() throws Exception {
    // The cluster starts while the backups are written: most of its start is waiting.
    CompletableFuture<EmbeddedConnectCluster> cluster =
        CompletableFuture.supplyAsync(
            AzuriteAcceptanceIT::startCluster, task -> new Thread(task, "cluster-start").start());
    try {
      writeBackups();
    } finally {
      connect = cluster.join();
    }
  }

  private static void writeBackups() throws Exception {
    customers = AzuriteBackup.create(AZURITE.endpoint(), "customers-default");
    CustomerBackup.write(
        BackupWriter.to(customers)
            .layout(Layout.defaultLayout())
            .format(SinkFormat.AVRO)
            .flushSize(DEFAULT_FLUSH_SIZE),
        "customers",
        PARTITIONS,
        DEFAULT_PER_PARTITION);
    customers.upload();

    customerst = AzuriteBackup.create(AZURITE.endpoint(), "customerst-time-based");
    CustomerBackup.write(
        BackupWriter.to(customerst)
            .layout(CustomerBackup.madridHourly())
            .format(SinkFormat.AVRO)
            .flushSize(1),
        "customerst",
        PARTITIONS,
        TIME_BASED_PER_PARTITION);
    customerst.upload();

    window = AzuriteBackup.create(AZURITE.endpoint(), "customers-events");
    writeWindowBackup(window);
    window.upload();

    accounts = AzuriteBackup.create(AZURITE.endpoint(), "accounts-compacted");
    CustomerBackup.writeCompacted(
        BackupWriter.to(accounts)
            .layout(CustomerBackup.madridHourly())
            .format(SinkFormat.AVRO)
            .flushSize(1),
        "accounts",
        PARTITIONS,
        COMPACTED_PER_PARTITION);
    accounts.upload();
  }

  private static EmbeddedConnectCluster startCluster() {
    Map<String, String> worker = new LinkedHashMap<>();
    // The worker's converter, not the connector's: the write-up's configurations name none, so a
    // worker's own converter writes the restored values. JSON without schemas lets the test read
    // them; the restore itself is the same with any converter.
    worker.put("value.converter", JsonConverter.class.getName());
    worker.put("value.converter.schemas.enable", "false");
    // Connect's documented way of keeping a secret out of connector and task configurations.
    worker.put("config.providers", "file");
    worker.put("config.providers.file.class", FileConfigProvider.class.getName());
    return ConnectClusters.start(CLUSTER, 1, worker);
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      connect.stop();
    }
  }

  // ---- 1. Default partitioner, tasks.max 1, 3 and 4 ----

  @ParameterizedTest(name = "tasks.max={0}")
  @ValueSource(ints = {1, 3, 4})
  void theDefaultPartitionerConfigurationRestoresEveryPartitionInOrder(int tasks) throws Exception {
    Map<String, String> config = ours(WRITE_UP_DEFAULT, customers, AZURITE.endpoint());
    config.put("tasks.max", String.valueOf(tasks));
    String name = "default-tasks-" + tasks;

    RestoredTopic restored = restore(name, config, "customers", customers, allRecords());

    assertEveryPartitionInBackupOrder(restored, DEFAULT_PER_PARTITION);
    List<List<TopicPartition>> assignments = assignments(name);
    // Exactly tasks.max tasks, a task beyond the partition count idle.
    assertThat(assignments).hasSize(tasks);
    assertThat(assignments.stream().flatMap(List::stream).toList())
        .containsExactlyInAnyOrderElementsOf(partitions("customers"));
    finish(name);
  }

  // ---- 2 and 4. Time-based partitioner, tasks.max 4, locale en-US and en_US ----

  @ParameterizedTest(name = "locale={0}")
  @ValueSource(strings = {"en-US", "en_US"})
  void theTimeBasedConfigurationRestoresFourPartitionsOnFourTasksAtOnce(String locale)
      throws Exception {
    Map<String, String> config = ours(WRITE_UP_TIME_BASED, customerst, AZURITE.endpoint());
    assertThat(config).containsEntry("tasks.max", "4").containsEntry("locale", "en-US");
    config.put("locale", locale);
    String name = "time-based-" + locale;

    RestoredTopic restored =
        restore(name, config, "customerst", customerst, PARTITIONS * TIME_BASED_PER_PARTITION);

    assertEveryPartitionInBackupOrder(restored, TIME_BASED_PER_PARTITION);
    // Four tasks, each restoring one partition stream ("customerst" starts at task 3 of 4).
    assertThat(assignments(name))
        .containsExactly(
            List.of(new TopicPartition("customerst", 1)),
            List.of(new TopicPartition("customerst", 2)),
            List.of(new TopicPartition("customerst", 3)),
            List.of(new TopicPartition("customerst", 0)));
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 4, "four tasks run");
    // All four partitions filled at the same time: the producer stamps each record with the time
    // it was restored, and every partition's span of those times overlaps every other's.
    long latestFirst = Long.MIN_VALUE;
    long earliestLast = Long.MAX_VALUE;
    for (int p = 0; p < PARTITIONS; p++) {
      List<Long> times = restored.partition(p).timestamps();
      latestFirst = Math.max(latestFirst, times.get(0));
      earliestLast = Math.min(earliestLast, times.get(times.size() - 1));
    }
    assertThat(latestFirst)
        .as("the last partition to start started before the first one to end ended")
        .isLessThan(earliestLast);
    finish(name);
  }

  // ---- 3. The SMT recipe: FilterByFieldTimestamp and ReplaceField$Value ----

  /**
   * Kafka 4 removed "blacklist", ReplaceField's old name of "exclude", and ignores it: the recipe
   * as written would restore the field it meant to drop. {@code /validate} refuses it on that key,
   * naming the key to write instead, before anything is produced.
   */
  @Test
  void theRecipeAsWrittenIsRefusedOnAKafka4WorkerNamingExclude() throws Exception {
    Map<String, String> config = ours(WRITE_UP_DEFAULT, window, AZURITE.endpoint());
    config.putAll(parse(WRITE_UP_SMT_RECIPE));
    assertThat(config).containsEntry("transforms.dropField.blacklist", "event_timestamp");
    config.put("name", "recipe-blacklist");

    ConfigInfos validation =
        connect.validateConnectorConfig(RestoreSourceConnector.class.getName(), config);

    assertThat(validation.errorCount()).isPositive();
    assertThat(
            validation.values().stream()
                .filter(info -> !info.configValue().errors().isEmpty())
                .map(info -> info.configValue().name())
                .distinct())
        .containsExactly("transforms.dropField.blacklist");
    assertThat(errors(validation, "transforms.dropField.blacklist"))
        .allSatisfy(error -> assertThat(error).contains("write transforms.dropField.exclude"));
  }

  /** The error messages {@code /validate} shows on one key. */
  private static List<String> errors(ConfigInfos validation, String key) {
    return validation.values().stream()
        .filter(info -> info.configValue().name().equals(key))
        .flatMap(info -> info.configValue().errors().stream())
        .toList();
  }

  @Test
  void theRecipeWithExcludeRestoresTheWindowWithoutTheField() throws Exception {
    Map<String, String> config = ours(WRITE_UP_DEFAULT, window, AZURITE.endpoint());
    config.putAll(parse(WRITE_UP_SMT_RECIPE));
    config.remove("transforms.dropField.blacklist");
    config.put("transforms.dropField.exclude", "event_timestamp");
    List<Integer> inside = insideTheWindow();

    RestoredTopic restored =
        restore("recipe-exclude", config, "customers", window, PARTITIONS * inside.size());

    for (int p = 0; p < PARTITIONS; p++) {
      assertThat(restored.partition(p).ids()).containsExactlyElementsOf(ids(p, inside));
      for (JsonNode value : restored.partition(p).values()) {
        assertThat(fieldNames(value)).containsExactly("id", "first_name", "shoe_size", "email");
      }
    }
    finish("recipe-exclude");
  }

  @Test
  void theWindowBackupHasRecordsOnBothSidesOfEachBound() {
    List<Integer> inside = insideTheWindow();
    assertThat(inside).hasSizeLessThan(EVENT_TIMES.size() / 2);
    assertThat(EVENT_TIMES)
        .contains(
            WINDOW_START.minusMillis(1),
            WINDOW_START,
            WINDOW_START.plusMillis(1),
            WINDOW_END.minusMillis(1),
            WINDOW_END,
            WINDOW_END.plusMillis(1));
    assertThat(inside.stream().map(EVENT_TIMES::get))
        .contains(WINDOW_START, WINDOW_END.minusMillis(1))
        .doesNotContain(WINDOW_START.minusMillis(1), WINDOW_END);
  }

  // ---- Tombstones of a compacted topic ----

  /**
   * A compacted topic backed up with {@code store.kafka.keys=true} and {@code
   * behavior.on.null.values=write}: the sink kept each delete as a keys-only object in the {@code
   * tombstone} folder beside the time folders. All 80 records come back, the 16 deletes among them
   * as null values with their keys, in each partition's order.
   */
  @Test
  void aCompactedTopicRestoresEveryDelete() throws Exception {
    Map<String, String> config = ours(WRITE_UP_TIME_BASED, accounts, AZURITE.endpoint());
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    removeConnectors();
    connect
        .kafka()
        .createTopic("accounts", PARTITIONS, 1, Map.of("cleanup.policy", "compact"), Map.of());

    connect.configureConnector("compacted", config);
    // One object a record: 64 value objects and 16 tombstone objects.
    int records = PARTITIONS * COMPACTED_PER_PARTITION;
    RestoreMetrics.awaitComplete("compacted", records, TIMEOUT_MS);
    RestoredTopic restored = RestoredTopic.read(connect, "accounts", records, TIMEOUT_MS);

    assertThat(restored.count()).isEqualTo(records);
    for (int p = 0; p < PARTITIONS; p++) {
      assertThat(restored.partition(p).keys())
          .containsExactlyElementsOf(CustomerBackup.keys(p, COMPACTED_PER_PARTITION));
      assertThat(restored.partition(p).tombstones())
          .containsExactlyElementsOf(CustomerBackup.tombstones(COMPACTED_PER_PARTITION));
    }
    finish("compacted");
  }

  // ---- 5. Transient faults ----

  /**
   * One request in ten through the proxy fails: a 503 or 500 answer, a reset connection, or no
   * answer until the client's request timeout (the default, 30 s, since the configuration is the
   * write-up's). The seed decides which requests; with it, the first requests of this restore meet
   * every kind once or more but only one silent request, which keeps the run short.
   */
  @Test
  void transientFaultsLoseAndRepeatNoRecord() throws Exception {
    try (FaultInjectingProxy proxy = FaultInjectingProxy.start(AZURITE.port(), 0.10, FAULT_SEED)) {
      Map<String, String> config =
          ours(WRITE_UP_DEFAULT, customers, AzuriteExtension.endpoint(proxy.port()));

      RestoredTopic restored = restore("faults", config, "customers", customers, allRecords());

      // Exact sequences: nothing lost, nothing repeated (no task restarted, so at-least-once
      // delivery had no reason to send anything twice).
      assertEveryPartitionInBackupOrder(restored, DEFAULT_PER_PARTITION);
      connect
          .assertions()
          .assertConnectorAndExactlyNumTasksAreRunning("faults", PARTITIONS, "no task failed");
      System.out.printf(
          "Restore through the fault proxy: %d requests, %d failed on purpose%n",
          proxy.requests(), proxy.faults());
      assertThat(proxy.faults()).isPositive();
      finish("faults");
    }
  }

  // ---- 6. The account key stays out of task configs, statuses and logs ----

  /**
   * What Connect does with a key written into the configuration, as the write-up does: the tasks
   * need it to reach the store, and a task's only input is its configuration, which Connect keeps
   * in its config topic and shows in {@code GET /connectors/<name>/tasks}. This holds for any
   * connector; {@link #aConfigProviderKeepsTheKeyOutOfTaskConfigs()} shows the way around it.
   */
  @Test
  void aKeyWrittenIntoTheConfigurationReachesTheTaskConfigs() throws Exception {
    Map<String, String> config = ours(WRITE_UP_DEFAULT, customers, AZURITE.endpoint());

    RestoredTopic restored = restore("literal-key", config, "customers", customers, allRecords());

    assertEveryPartitionInBackupOrder(restored, DEFAULT_PER_PARTITION);
    assertThat(get("connectors/literal-key/tasks")).contains(AzuriteExtension.KEY);
    assertThat(configTopic("literal-key"))
        .filteredOn(record -> record.startsWith("task-literal-key-"))
        .isNotEmpty()
        .allMatch(record -> record.contains(AzuriteExtension.KEY));
    assertThat(get("connectors/literal-key/status")).doesNotContain(AzuriteExtension.KEY);
    finish("literal-key");
  }

  /**
   * With the key in a file read by Connect's {@code FileConfigProvider}, the configuration holds a
   * {@code ${file:...}} reference: Connect resolves it for the connector and its tasks, and writes
   * the reference, not the key, wherever it stores or shows a configuration.
   */
  @Test
  void aConfigProviderKeepsTheKeyOutOfTaskConfigs() throws Exception {
    Path file = secrets.resolve("azure-blob.properties");
    Files.writeString(file, "azblob.account.key=" + AzuriteExtension.KEY + "\n");
    String reference = "${file:" + file + ":azblob.account.key}";
    Map<String, String> config = ours(WRITE_UP_DEFAULT, customers, AZURITE.endpoint());
    config.put("azblob.account.key", reference);

    RestoredTopic restored = restore("provided-key", config, "customers", customers, allRecords());

    assertEveryPartitionInBackupOrder(restored, DEFAULT_PER_PARTITION);
    String tasks = get("connectors/provided-key/tasks");
    assertThat(tasks).doesNotContain(AzuriteExtension.KEY).contains(reference);
    for (TaskInfo task : connect.taskConfigs("provided-key")) {
      assertThat(task.config()).containsEntry("azblob.account.key", reference);
    }
    assertThat(get("connectors/provided-key/config")).doesNotContain(AzuriteExtension.KEY);
    assertThat(configTopic("provided-key"))
        .anyMatch(record -> record.startsWith("task-provided-key-"))
        .noneMatch(record -> record.contains(AzuriteExtension.KEY));
    assertThat(get("connectors/provided-key/status")).doesNotContain(AzuriteExtension.KEY);
    finish("provided-key");
  }

  @Test
  void aFailedRestoreTracesNoKey() throws Exception {
    Map<String, String> config = ours(WRITE_UP_DEFAULT, customers, AZURITE.endpoint());
    config.put("azblob.container.name", "no-such-container");
    removeConnectors();

    connect.configureConnector("missing-container", config);
    connect
        .assertions()
        .assertConnectorIsFailedAndTasksHaveFailed("missing-container", 0, "the restore fails");

    String status = get("connectors/missing-container/status");
    assertThat(status).contains("no-such-container").doesNotContain(AzuriteExtension.KEY);
    finish("missing-container");
  }

  /** A service principal's secret, in a configuration the store refuses before it signs in. */
  private static final String CLIENT_SECRET = "Zq8~service-principal-secret-3f9a";

  /**
   * Microsoft Entra ID credentials cannot sign in against Azurite (it takes no tokens over plain
   * HTTP, and no emulator issues them): the configuration is refused before anything starts, naming
   * the key, and the client secret, a password setting, shows up neither there nor in the log
   * (checked by {@link #noWorkerLogLineHoldsTheKey()}).
   */
  @Test
  void aRefusedServicePrincipalTracesNoSecret() throws Exception {
    Map<String, String> config = ours(WRITE_UP_DEFAULT, customers, AZURITE.endpoint());
    config.remove("azblob.account.key");
    config.put("azblob.credentials.type", "service_principal");
    config.put("azblob.tenant.id", "72f988bf-86f1-41af-91ab-2d7cd011db47");
    config.put("azblob.client.id", "0b6d3a0e-5d2f-4b55-9b3f-1b1e3f9a7c11");
    config.put("azblob.client.secret", CLIENT_SECRET);
    removeConnectors();

    assertThatThrownBy(() -> connect.configureConnector("service-principal", config))
        .isInstanceOf(ConnectRestException.class)
        .hasMessageContaining("azblob.endpoint")
        .hasMessageContaining("https")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CLIENT_SECRET));
  }

  /**
   * Runs last: searches everything logged during the tests above, by the broker, the worker, the
   * connector and its tasks, at INFO and above, for the key, whole, URL-encoded or its first 16
   * characters. Lines of the test kit's own REST client ({@code
   * org.apache.kafka.connect.util.clusters}), which echo the answers of the REST calls, are left
   * out: they are the test's client, not the worker; the answers themselves are checked above.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void noWorkerLogLineHoldsTheKey() throws IOException {
    String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
    assumeTrue(
        logFile != null && Files.isRegularFile(Path.of(logFile)),
        "the log is not in a file: run this class with the build's 'acceptance' execution");
    List<String> entries = logEntries(Files.readAllLines(Path.of(logFile)));
    List<String> worker =
        entries.stream()
            .filter(entry -> !entry.contains(" org.apache.kafka.connect.util.clusters."))
            .toList();

    // The file holds the INFO lines of the connector, its tasks and the worker.
    assertThat(worker)
        .anyMatch(entry -> entry.contains("Opened azblob://devstoreaccount1/customers-default"))
        .anyMatch(entry -> entry.contains("Restore task provided-key-0 complete"))
        .anyMatch(
            entry -> entry.contains("INFO org.apache.kafka.connect.runtime.WorkerSourceTask"));
    String key = AzuriteExtension.KEY;
    List<String> forms =
        List.of(
            key,
            URLEncoder.encode(key, StandardCharsets.UTF_8),
            key.substring(0, 16),
            CLIENT_SECRET);
    assertThat(
            worker.stream()
                .filter(entry -> forms.stream().anyMatch(entry::contains))
                .map(entry -> entry.length() > 300 ? entry.substring(0, 300) + "..." : entry)
                .toList())
        .as("log entries that hold the account key or the client secret")
        .isEmpty();
  }

  /** Joins the lines of a log into entries: an entry starts with its time, {@code 03:13:55.169}. */
  private static List<String> logEntries(List<String> lines) {
    List<String> entries = new ArrayList<>();
    StringBuilder entry = new StringBuilder();
    for (String line : lines) {
      if (line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*") && entry.length() > 0) {
        entries.add(entry.toString());
        entry.setLength(0);
      }
      entry.append(line).append('\n');
    }
    if (entry.length() > 0) {
      entries.add(entry.toString());
    }
    return entries;
  }

  // ---- Configurations ----

  /**
   * A write-up configuration with Timeshard's connector class, Azurite's account, key and endpoint,
   * and the container of {@code backup}: nothing else changes.
   */
  private static Map<String, String> ours(String writeUp, AzuriteBackup backup, String endpoint)
      throws IOException {
    Map<String, String> config = parse(writeUp);
    config.put("connector.class", RestoreSourceConnector.class.getName());
    config.replaceAll(
        (key, value) ->
            switch (value) {
              case "YOUR_ACCOUNT_NAME" -> AzuriteExtension.ACCOUNT;
              case "YOUR_ACCOUNT_KEY" -> AzuriteExtension.KEY;
              case "YOUR_CONTAINER" -> backup.name();
              default -> value;
            });
    config.put("azblob.endpoint", endpoint);
    return config;
  }

  private static Map<String, String> parse(String json) throws IOException {
    return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
  }

  // ---- Running a restore ----

  /**
   * Restores into a fresh {@code topic} and returns what it holds once the restore is complete.
   *
   * @param records the records the topic should hold then
   */
  private static RestoredTopic restore(
      String name, Map<String, String> config, String topic, AzuriteBackup backup, int records)
      throws Exception {
    removeConnectors();
    freshTopic(topic);
    long started = System.nanoTime();
    connect.configureConnector(name, config);
    RestoreMetrics.awaitComplete(name, backup.objects(), TIMEOUT_MS);
    System.out.printf(
        "%s: %d objects restored in %.1f s%n",
        name, backup.objects(), (System.nanoTime() - started) / 1e9);
    return RestoredTopic.read(connect, topic, records, TIMEOUT_MS);
  }

  /** Deletes the connectors a run left behind, so that none writes into the next run's topic. */
  private static void removeConnectors() throws InterruptedException {
    for (String name : connect.connectors()) {
      finish(name);
    }
  }

  private static void finish(String name) throws InterruptedException {
    connect.deleteConnector(name);
    connect.assertions().assertConnectorDoesNotExist(name, name + " is deleted");
  }

  private static void freshTopic(String topic) throws InterruptedException {
    if (connect.kafka().describeTopics(topic).get(topic).isPresent()) {
      connect.kafka().deleteTopic(topic);
      TestUtils.waitForCondition(
          () -> connect.kafka().describeTopics(topic).get(topic).isEmpty(),
          TIMEOUT_MS,
          topic + " is deleted");
    }
    connect.kafka().createTopic(topic, PARTITIONS);
  }

  private static String get(String resource) {
    return String.valueOf(connect.requestGet(connect.endpointForResource(resource)).getEntity());
  }

  /**
   * The records of Connect's config topic about {@code connector}, as {@code key=value}: its
   * configuration, its task configurations, their commits and its target state.
   */
  private static List<String> configTopic(String connector) throws Exception {
    List<String> records = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record :
        connect.kafka().consumeAll(TIMEOUT_MS, CONFIG_TOPIC)) {
      String key = new String(record.key(), StandardCharsets.UTF_8);
      if (key.endsWith("-" + connector) || key.startsWith("task-" + connector + "-")) {
        String value =
            record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        records.add(key + "=" + value);
      }
    }
    return records;
  }

  /** Each task's streams, from its index and the task count in the configuration Connect shows. */
  private static List<List<TopicPartition>> assignments(String connector) {
    List<TaskInfo> tasks = connect.taskConfigs(connector);
    String topic = connector.startsWith("time-based") ? "customerst" : "customers";
    return TaskShares.of(tasks, partitions(topic));
  }

  private static List<TopicPartition> partitions(String topic) {
    return IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)).toList();
  }

  private static int allRecords() {
    return PARTITIONS * DEFAULT_PER_PARTITION;
  }

  private static void assertEveryPartitionInBackupOrder(RestoredTopic restored, int perPartition) {
    assertThat(restored.count()).isEqualTo(PARTITIONS * perPartition);
    for (int p = 0; p < PARTITIONS; p++) {
      assertThat(restored.partition(p).ids())
          .as("partition %d, in backup order", p)
          .containsExactlyElementsOf(Sequences.expectedIds(p, perPartition));
    }
  }

  // ---- The window backup ----

  private static List<Instant> eventTimes() {
    List<Instant> times = new ArrayList<>();
    Instant from = Instant.parse("2025-05-16T13:10:00Z");
    for (int i = 0; i <= 72; i++) {
      times.add(from.plusSeconds(5L * i));
    }
    times.add(WINDOW_START.minusMillis(1));
    times.add(WINDOW_START);
    times.add(WINDOW_START.plusMillis(1));
    times.add(WINDOW_END.minusMillis(1));
    times.add(WINDOW_END);
    times.add(WINDOW_END.plusMillis(1));
    times.add(Instant.parse("2025-05-16T13:13:30.500Z"));
    times.add(Instant.parse("2025-05-16T13:11:30Z"));
    return List.copyOf(times);
  }

  private static List<Integer> insideTheWindow() {
    return IntStream.range(0, EVENT_TIMES.size())
        .filter(
            i ->
                !EVENT_TIMES.get(i).isBefore(WINDOW_START)
                    && EVENT_TIMES.get(i).isBefore(WINDOW_END))
        .boxed()
        .toList();
  }

  private static List<Long> ids(int partition, List<Integer> indexes) {
    return indexes.stream().map(i -> CustomerBackup.id(partition, i)).toList();
  }

  /** Topic {@code customers}, 4 partitions, each with a record per {@link #EVENT_TIMES}. */
  private static void writeWindowBackup(AzuriteBackup backup) throws IOException {
    try (BackupWriter writer =
        BackupWriter.to(backup)
            .layout(Layout.defaultLayout())
            .format(SinkFormat.AVRO)
            .flushSize(DEFAULT_FLUSH_SIZE)
            .build()) {
      for (int i = 0; i < EVENT_TIMES.size(); i++) {
        long time = EVENT_TIMES.get(i).toEpochMilli();
        for (int p = 0; p < PARTITIONS; p++) {
          writer.write(
              BackupRecord.of("customers", p, i)
                  .timestamp(time)
                  .value(
                      CustomerBackup.VALUE_SCHEMA,
                      CustomerBackup.value(p, i).put("event_timestamp", new Date(time)))
                  .build());
        }
      }
    }
  }

  private static List<String> fieldNames(JsonNode value) {
    List<String> names = new ArrayList<>();
    value.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
