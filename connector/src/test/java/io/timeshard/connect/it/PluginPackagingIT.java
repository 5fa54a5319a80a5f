package io.timeshard.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.config.WorkerVersion;
import io.timeshard.connect.supervise.rest.WorkerResources;
import io.timeshard.connect.testing.ConnectWorkerProcess;
import io.timeshard.connect.testing.CustomerBackup;
import io.timeshard.connect.testing.RestoreConfigs;
import io.timeshard.connect.testing.RestoredTopic;
import io.timeshard.connect.testing.Sequences;
import io.timeshard.fixtures.Layout;
import io.timeshard.fixtures.SinkFormat;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged plugin, installed as the README says (the zip unpacked into a folder on {@code
 * plugin.path}), loaded by Connect workers in processes of their own with plugin isolation: one of
 * Kafka Connect 3.9 (the oldest line supported), one of the build's Kafka (4.1) and one of Kafka
 * Connect 4.4 (the newest release), each on the class path its Kafka installation has. Their class
 * paths hold nothing of the plugin, which they must find on {@code plugin.path}, then restore a
 * time window with, through the plugin's transform and predicate.
 *
 * <p>The plugin folder also holds, through a symbolic link, a partitioner built outside the plugin:
 * the example of {@code docs/custom-partitioner.md}, compiled here with {@code javac} against the
 * plugin's partitioner jar and {@code kafka-clients} only, as that page says.
 */
class PluginPackagingIT {

  private static final long TIMEOUT_MS = 120_000;
  private static final String CONNECTOR = "io.timeshard.connect.RestoreSourceConnector";
  private static final Path ZIP =
      Path.of(
              "target",
              "timeshard-restore-"
                  + System.getProperty("project.version", "0.1.0-SNAPSHOT")
                  + ".zip")
          .toAbsolutePath();
  private static final Path EXAMPLE =
      RepositoryRootPath.find().resolve("docs/custom-partitioner.md");

  /** The custom layout's window: one hour of the customer backup, which starts at 23:00 UTC. */
  private static final Instant WINDOW_START = Instant.parse("2025-10-26T00:00:00Z");

  private static final Instant WINDOW_END = Instant.parse("2025-10-26T01:00:00Z");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path work;

  private static EmbeddedKafkaCluster kafka;
  private static Path plugins;
  private static String customPartitioner;
  private static final List<ConnectWorkerProcess> workers = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    kafka = new EmbeddedKafkaCluster(1, new java.util.Properties());
    kafka.start();
    plugins = work.resolve("plugins");
    unzip(ZIP, plugins);
    Path jar = buildCustomPartitioner();
    Files.createSymbolicLink(
        plugins.resolve("timeshard-restore/lib").resolve(jar.getFileName()), jar);
    installSmtJarAndAnotherConnector();

    Path log4j = work.resolve("log4j.properties");
    Files.writeString(
        log4j,
        String.join(
            "\n",
            "log4j.rootLogger=INFO, stdout",
            "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
            "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
            "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n"));
    Path log4j2 = work.resolve("log4j2.properties");
    Files.writeString(
        log4j2,
        String.join(
            "\n",
            "rootLogger.level=INFO",
            "rootLogger.appenderRef.stdout.ref=STDOUT",
            "appender.stdout.type=Console",
            "appender.stdout.name=STDOUT",
            "appender.stdout.layout.type=PatternLayout",
            "appender.stdout.layout.pattern=[%d] %p %m (%c)%n"));
    // All start at once: each takes a few seconds of its own to scan the plugin folder.
    workers.add(
        ConnectWorkerProcess.start(
            "Kafka Connect 3.9.2",
            workerClassPath("worker.kafka39.classpath.file", "worker-kafka-3.9"),
            List.of("-Dlog4j.configuration=" + log4j.toUri()),
            kafka.bootstrapServers(),
            plugins,
            work));
    workers.add(
        ConnectWorkerProcess.start(
            "Kafka Connect " + WorkerVersion.current(),
            kafka4ClassPath(),
            List.of(),
            kafka.bootstrapServers(),
            plugins,
            work));
    workers.add(
        ConnectWorkerProcess.start(
            "Kafka Connect 4.4.0",
            workerClassPath("worker.kafka44.classpath.file", "worker-kafka-4.4"),
            List.of("-Dlog4j2.configurationFile=" + log4j2.toUri()),
            kafka.bootstrapServers(),
            plugins,
            work));
    for (ConnectWorkerProcess worker : workers) {
      worker.awaitPlugin("RestoreSourceConnector");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (ConnectWorkerProcess worker : workers) {
      worker.stop();
    }
    if (kafka != null) {
      kafka.stop();
    }
  }

  static Stream<ConnectWorkerProcess> workers() {
    return workers.stream();
  }

  /**
   * A time-based restore of one hour, through the plugin's transform and predicate as a user writes
   * them: the connector prunes the backup to 00:00-01:00 UTC, {@code FilterByFieldTimestamp} keeps
   * the first half hour of it by the records' {@code event_timestamp}, and Kafka's own {@code
   * Filter} drops the ten minutes from 00:10 for which {@code TimestampInWindow} is true. Record
   * {@code i} is written at 23:00 + 12 s * i, every 50th two hours late (in an earlier folder), so
   * what comes back is records 300 to 349 and 400 to 449 of each partition, less the late ones, in
   * order.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("workers")
  void theIsolatedPluginRestoresAWindowThroughItsTransformAndPredicate(ConnectWorkerProcess worker)
      throws Exception {
    String topic = "customers-" + id(worker);
    Path backup = work.resolve("backup-" + id(worker));
    CustomerBackup.write(backup, topic, 2, 600);
    kafka.createTopic(topic, 2);
    Map<String, String> config = RestoreConfigs.timeBased(backup, 2);
    config.put("restore.start", WINDOW_START.toString());
    config.put("restore.end", WINDOW_END.toString());
    config.put("transforms", "firstHalfHour,dropTenMinutes");
    config.put("transforms.firstHalfHour.type", "io.timeshard.smt.FilterByFieldTimestamp");
    config.put("transforms.firstHalfHour.timestamp.field", "event_timestamp");
    config.put("transforms.firstHalfHour.start.datetime", "2025-10-26T00:00:00Z");
    config.put("transforms.firstHalfHour.end.datetime", "2025-10-26T00:30:00Z");
    config.put("transforms.dropTenMinutes.type", "org.apache.kafka.connect.transforms.Filter");
    config.put("transforms.dropTenMinutes.predicate", "tenMinutes");
    config.put("predicates", "tenMinutes");
    config.put("predicates.tenMinutes.type", "io.timeshard.smt.TimestampInWindow");
    config.put("predicates.tenMinutes.timestamp.field", "event_timestamp");
    config.put("predicates.tenMinutes.start.datetime", "2025-10-26T00:10:00Z");
    config.put("predicates.tenMinutes.end.datetime", "2025-10-26T00:20:00Z");

    worker.put("/connectors/packaged/config", json(config));

    List<List<Long>> expected = onTime(300, 450, i -> i < 350 || i >= 400);
    int total = expected.get(0).size() + expected.get(1).size();
    kafka.consume(total, TIMEOUT_MS, topic);
    ConsumerRecords<byte[], byte[]> all = kafka.consumeAll(TIMEOUT_MS, topic);
    assertThat(all.count()).isEqualTo(total);
    for (int p = 0; p < 2; p++) {
      assertThat(RestoredTopic.ids(all, p)).containsExactlyElementsOf(expected.get(p));
    }
    assertThat(worker.get("/connector-plugins?connectorsOnly=false"))
        .contains("io.timeshard.smt.FilterByFieldTimestamp")
        .contains("io.timeshard.smt.TimestampInWindow");
    String version = worker.label().substring(worker.label().lastIndexOf(' ') + 1);
    assertThat(worker.get("/")).as("the worker's version").contains("\"version\":\"" + version);
    String log = worker.log();
    assertThat(log).contains("Loading plugin from: " + plugins.resolve("timeshard-restore"));
    assertThat(
            Arrays.stream(log.split("\n"))
                .filter(
                    l ->
                        l.contains("LinkageError")
                            || l.contains("NoClassDefFoundError")
                            || l.contains("ClassNotFoundException")))
        .isEmpty();
    assertThat(worker.get("/connectors/packaged/status")).doesNotContain("FAILED");
  }

  /**
   * The extension runs, and its token resource answers in the worker's own JAX-RS package: javax in
   * 3.9, jakarta in 4.x.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("workers")
  void theTaskRestartExtensionRunsInTheWorker(ConnectWorkerProcess worker) throws Exception {
    assertThat(worker.log())
        .contains("Restarting tasks of Timeshard's connectors that the worker fails outside")
        .doesNotContain("Cannot answer " + WorkerResources.TOKEN_PATH)
        .doesNotContain("WorkerResource will be ignored");
    assertThat(worker.get(WorkerResources.TOKEN_PATH).trim())
        .as("the extension's token")
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  /**
   * A Parquet backup restores in a worker that has no Hadoop, and the plugin brings none: Parquet
   * is read through parquet-java's Hadoop-free path.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("workers")
  void aParquetBackupRestoresWithoutHadoop(ConnectWorkerProcess worker) throws Exception {
    String topic = "parquet-" + id(worker);
    Path backup = work.resolve("parquet-backup-" + id(worker));
    CustomerBackup.write(
        CustomerBackup.writer(backup, Layout.defaultLayout(), SinkFormat.PARQUET, 20),
        topic,
        2,
        100);
    kafka.createTopic(topic, 2);
    Map<String, String> config = RestoreConfigs.defaultLayout(backup, 2);
    config.put("format.class", "io.confluent.connect.s3.format.parquet.ParquetFormat");

    worker.put("/connectors/parquet/config", json(config));
    kafka.consume(200, TIMEOUT_MS, topic);
    ConsumerRecords<byte[], byte[]> all = kafka.consumeAll(TIMEOUT_MS, topic);
    for (int p = 0; p < 2; p++) {
      assertThat(RestoredTopic.ids(all, p))
          .containsExactlyElementsOf(Sequences.expectedIds(p, 100));
    }
    try (Stream<Path> libs = Files.list(plugins.resolve("timeshard-restore/lib"))) {
      assertThat(libs.map(lib -> lib.getFileName().toString()))
          .noneMatch(n -> n.startsWith("hadoop-"));
    }
    assertThat(worker.log())
        .doesNotContain("org/apache/hadoop")
        .doesNotContain("org.apache.hadoop");
  }

  /**
   * The SMT jar on its own, as docs/smt.md installs it, with a connector that is not Timeshard's
   * (one that writes a record per configured time): the transform keeps the records of a window and
   * Kafka's {@code Filter} with the predicate drops part of it, whatever the worker's version.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("workers")
  void theSmtJarWorksWithAnotherConnector(ConnectWorkerProcess worker) throws Exception {
    String topic = "fixed-" + id(worker);
    kafka.createTopic(topic, 1);
    Map<String, String> config = new java.util.LinkedHashMap<>();
    config.put("connector.class", "io.timeshard.smt.it.FixedRecordsSourceConnector");
    config.put("tasks.max", "1");
    config.put("topic", topic);
    // Records 1 to 6, ten minutes apart from 12:00.
    config.put(
        "times",
        String.join(
            ",",
            LongStream.range(0, 6)
                .mapToObj(i -> Instant.parse("2025-05-16T12:00:00Z").plusSeconds(600 * i))
                .map(Instant::toString)
                .toList()));
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    config.put("transforms", "window,dropOne");
    config.put("transforms.window.type", "io.timeshard.smt.FilterByFieldTimestamp");
    config.put("transforms.window.timestamp.field", "event_timestamp");
    config.put("transforms.window.start.datetime", "2025-05-16T12:10:00Z");
    config.put("transforms.window.end.datetime", "2025-05-16T12:50:00Z");
    config.put("transforms.dropOne.type", "org.apache.kafka.connect.transforms.Filter");
    config.put("transforms.dropOne.predicate", "at1220");
    config.put("predicates", "at1220");
    config.put("predicates.at1220.type", "io.timeshard.smt.TimestampInWindow");
    config.put("predicates.at1220.timestamp.field", "event_timestamp");
    config.put("predicates.at1220.start.datetime", "2025-05-16T12:20:00Z");
    config.put("predicates.at1220.end.datetime", "2025-05-16T12:30:00Z");

    worker.put("/connectors/fixed-" + id(worker) + "/config", json(config));

    // 12:10, 12:30 and 12:40 are kept: 12:00 and 12:50 are outside the window, 12:20 is dropped.
    ConsumerRecords<byte[], byte[]> all = kafka.consume(3, TIMEOUT_MS, topic);
    List<String> ids = new ArrayList<>();
    all.forEach(
        r -> {
          String value = new String(r.value(), java.nio.charset.StandardCharsets.UTF_8);
          Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(value);
          ids.add(id.find() ? id.group(1) : value);
        });
    assertThat(ids).containsExactly("2", "4", "5");
    assertThat(worker.get("/connectors/fixed-" + id(worker) + "/status")).doesNotContain("FAILED");
  }

  /**
   * A backup in the example's layout, {@code partition=<N>/day=<yyyy-MM-dd>/hour=<HH>}, restored
   * with a one-hour window: only that hour's records come back, in order. No built-in partitioner
   * reads this layout by the hour (the time-based one cannot place the {@code partition=} level in
   * time and lists everything).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("workers")
  void aPartitionerBuiltOutsideThePluginRestoresItsLayoutWithinAWindow(ConnectWorkerProcess worker)
      throws Exception {
    String topic = "layout-" + id(worker);
    Path backup = work.resolve("layout-backup-" + id(worker));
    DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    DateTimeFormatter hour = DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);
    Layout partitionThenHour =
        (record, delim, nowMs) -> {
          Instant time = Instant.ofEpochMilli(record.timestamp());
          return String.join(
              delim,
              "partition=" + record.kafkaPartition(),
              "day=" + day.format(time),
              "hour=" + hour.format(time));
        };
    CustomerBackup.write(
        CustomerBackup.writer(backup, partitionThenHour, SinkFormat.AVRO, 25), topic, 2, 600);
    kafka.createTopic(topic, 2);
    Map<String, String> config = RestoreConfigs.timeBased(backup, 2);
    config.remove("path.format");
    config.remove("partition.duration.ms");
    config.remove("timestamp.extractor");
    config.put("partitioner.class", customPartitioner);
    config.put("layout.timezone", "UTC");
    config.put("restore.start", WINDOW_START.toString());
    config.put("restore.end", WINDOW_END.toString());

    worker.put("/connectors/custom-layout/config", json(config));

    // Record i is written at 23:00 + 12 s * i, every 50th two hours late: the hour from 00:00
    // holds records 300 to 599 but the late ones.
    List<List<Long>> expected = onTime(300, 600, i -> true);
    int total = expected.get(0).size() + expected.get(1).size();
    kafka.consume(total, TIMEOUT_MS, topic);
    ConsumerRecords<byte[], byte[]> all = kafka.consumeAll(TIMEOUT_MS, topic);
    assertThat(all.count()).isEqualTo(total);
    for (int p = 0; p < 2; p++) {
      assertThat(RestoredTopic.ids(all, p)).containsExactlyElementsOf(expected.get(p));
    }
    assertThat(worker.get("/connectors/custom-layout/status")).doesNotContain("FAILED");
  }

  /**
   * The ids of the customer backup's records {@code from} to {@code to} that {@code keep} keeps, of
   * both partitions, less the late ones (every 50th record, written two hours late, is in an
   * earlier folder).
   */
  private static List<List<Long>> onTime(
      long from, long to, java.util.function.LongPredicate keep) {
    List<List<Long>> ids = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      long first = CustomerBackup.id(p, 0);
      ids.add(
          LongStream.range(from, to)
              .filter(keep)
              .filter(i -> i % 50 != 49)
              .map(i -> first + i)
              .boxed()
              .toList());
    }
    return ids;
  }

  /**
   * Every library once in the plugin, and the families that are released together (netty, Jackson,
   * JNA, the AWS SDK) at one version each: two versions of one class in a plugin's class loader are
   * whichever loads first.
   */
  @org.junit.jupiter.api.Test
  void thePluginHoldsOneVersionOfEachLibrary() throws IOException {
    Map<String, List<String>> jarsByArtifact = new java.util.TreeMap<>();
    Map<String, java.util.Set<String>> versionsByFamily = new java.util.TreeMap<>();
    List<String> lockstep =
        List.of(
            "io.netty", "com.fasterxml.jackson.core", "net.java.dev.jna", "software.amazon.awssdk");
    try (Stream<Path> jars = Files.list(plugins.resolve("timeshard-restore/lib"))) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
        String name = jar.getFileName().toString();
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
          for (JarEntry entry : java.util.Collections.list(file.entries())) {
            if (!entry.getName().startsWith("META-INF/maven/")
                || !entry.getName().endsWith("/pom.properties")) {
              continue;
            }
            java.util.Properties pom = new java.util.Properties();
            try (InputStream in = file.getInputStream(entry)) {
              pom.load(in);
            }
            String artifact = pom.getProperty("artifactId");
            if (artifact == null || !name.startsWith(artifact + "-")) {
              continue; // a library shaded into another jar, not one of the plugin's own
            }
            String group = pom.getProperty("groupId");
            jarsByArtifact
                .computeIfAbsent(group + ":" + artifact, k -> new ArrayList<>())
                .add(name);
            if (lockstep.contains(group)) {
              versionsByFamily
                  .computeIfAbsent(group, k -> new java.util.TreeSet<>())
                  .add(pom.getProperty("version"));
            }
          }
        }
      }
    }
    assertThat(jarsByArtifact).as("the plugin's libraries").isNotEmpty();
    assertThat(jarsByArtifact.entrySet().stream().filter(e -> e.getValue().size() > 1).toList())
        .as("libraries held twice")
        .isEmpty();
    assertThat(versionsByFamily.entrySet().stream().filter(e -> e.getValue().size() > 1).toList())
        .as("families released together, at more than one version")
        .isEmpty();
    assertThat(jarsByArtifact)
        .containsKeys(
            "com.azure:azure-identity",
            "com.microsoft.azure:msal4j",
            "software.amazon.awssdk:sts",
            "io.netty:netty-handler");
  }

  // ---- The plugin as a user installs it ----

  private static void unzip(Path zip, Path into) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        Path target = into.resolve(entry.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("zip entry outside the folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    }
  }

  /**
   * Puts the SMT jar into a plugin folder of its own, as docs/smt.md says, and beside it a folder
   * with a connector that is not Timeshard's, compiled here from the SMT module's test sources
   * against {@code connect-api} and {@code kafka-clients} and listed in {@code META-INF/services}.
   */
  private static void installSmtJarAndAnotherConnector() throws IOException {
    Path root = EXAMPLE.getParent().getParent();
    Path smtJar =
        root.resolve(
            "smt/target/timeshard-smt-"
                + System.getProperty("project.version", "0.1.0-SNAPSHOT")
                + ".jar");
    assertThat(smtJar).as("the SMT jar, built by the smt module").exists();
    Path smtFolder = Files.createDirectories(plugins.resolve("timeshard-smt"));
    Files.copy(smtJar, smtFolder.resolve(smtJar.getFileName()));

    Path sources = root.resolve("smt/src/test/java/io/timeshard/smt/it");
    Path classes = Files.createDirectories(work.resolve("fixed-records-classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    java.io.StringWriter out = new java.io.StringWriter();
    boolean compiled =
        javac
            .getTask(
                out,
                null,
                null,
                List.of(
                    "--release",
                    "17",
                    "-d",
                    classes.toString(),
                    "-cp",
                    String.join(
                        File.pathSeparator,
                        testClassPathEntry("connect-api-"),
                        testClassPathEntry("kafka-clients-"))),
                null,
                javac
                    .getStandardFileManager(null, Locale.ROOT, null)
                    .getJavaFileObjects(
                        sources.resolve("FixedRecordsSourceConnector.java").toFile(),
                        sources.resolve("FixedRecordsSourceTask.java").toFile()))
            .call();
    assertThat(compiled).as("javac of the other connector\n" + out).isTrue();
    Path services = classes.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve("org.apache.kafka.connect.source.SourceConnector"),
        "io.timeshard.smt.it.FixedRecordsSourceConnector\n");
    jar(
        classes,
        Files.createDirectories(plugins.resolve("fixed-records")).resolve("fixed-records.jar"));
  }

  /** Jars every file under {@code classes} into {@code jar}. */
  private static Path jar(Path classes, Path jar) throws IOException {
    Files.createDirectories(jar.getParent());
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> compiled = Files.walk(classes)) {
      for (Path path : compiled.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        try (InputStream in = Files.newInputStream(path)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    return jar;
  }

  /**
   * Compiles the example of docs/custom-partitioner.md against the installed plugin's partitioner
   * jar and kafka-clients, and jars it, outside the plugin folder.
   */
  private static Path buildCustomPartitioner() throws IOException {
    String page = Files.readString(EXAMPLE);
    Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(page);
    assertThat(block.find()).as("a java example in " + EXAMPLE).isTrue();
    String source = block.group(1);
    Matcher pkg = Pattern.compile("package ([\\w.]+);").matcher(source);
    Matcher cls = Pattern.compile("public class (\\w+)").matcher(source);
    assertThat(pkg.find() && cls.find()).as("a package and a public class").isTrue();
    customPartitioner = pkg.group(1) + "." + cls.group(1);

    Path src = work.resolve("addon-src");
    Path file = src.resolve(pkg.group(1).replace('.', '/')).resolve(cls.group(1) + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    Path classes = Files.createDirectories(work.resolve("addon-classes"));
    String classPath =
        String.join(
            File.pathSeparator,
            onlyFile(plugins.resolve("timeshard-restore/lib"), "timeshard-partitioner-"),
            testClassPathEntry("kafka-clients-"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    java.io.StringWriter out = new java.io.StringWriter();
    int status =
        javac
                .getTask(
                    out,
                    null,
                    null,
                    List.of(
                        "--release",
                        "17",
                        "-Xlint:all",
                        "-Werror",
                        "-d",
                        classes.toString(),
                        "-cp",
                        classPath),
                    null,
                    javac.getStandardFileManager(null, Locale.ROOT, null).getJavaFileObjects(file))
                .call()
            ? 0
            : 1;
    assertThat(status).as("javac -cp " + classPath + "\n" + out).isZero();

    return jar(classes, work.resolve("addons").resolve("partition-then-hour.jar"));
  }

  private static String onlyFile(Path folder, String prefix) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
      assertThat(found).as(prefix + "* in " + folder).hasSize(1);
      return found.get(0).toString();
    }
  }

  private static String testClassPathEntry(String prefix) {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> Path.of(e).getFileName().toString().startsWith(prefix))
        .filter(e -> !e.endsWith("-test.jar"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + prefix + "* on the test class path"));
  }

  // ---- The workers' class paths ----

  /**
   * Kafka Connect 4.1: the test's class path, less the project's own classes and jars and less the
   * libraries only the plugin uses (the store SDKs, Avro), as a Kafka installation would have it.
   */
  private static String kafka4ClassPath() {
    List<String> pluginOnly =
        List.of(
            "/io/timeshard/",
            "/com/azure/",
            "/com/microsoft/",
            "/net/java/dev/jna/",
            "/software/amazon/",
            "/com/google/",
            "/io/netty/",
            "/io/projectreactor/",
            "/org/apache/avro/",
            "/io/apicurio/",
            "/io/grpc/",
            "/org/apache/parquet/",
            "/org/apache/hadoop/",
            "/io/airlift/");
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String path = entry.replace(File.separatorChar, '/');
      // failsafe puts the module's own jar, not its classes folder, on the class path
      boolean projectClasses =
          path.endsWith("/classes")
              || path.endsWith("/test-classes")
              || path.substring(path.lastIndexOf('/') + 1).startsWith("timeshard-");
      if (!projectClasses && pluginOnly.stream().noneMatch(path::contains)) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** Kafka Connect 3.9 or 4.4: the class path a worker-kafka-* module resolved. */
  private static String workerClassPath(String property, String module) throws IOException {
    String file = System.getProperty(property);
    assertThat(file)
        .as(property + ", set by the build (run this test through failsafe)")
        .isNotNull();
    Path path = Path.of(file);
    assertThat(path).as("built by the " + module + " module: build with -am").exists();
    return Files.readString(path).trim();
  }

  private static String id(ConnectWorkerProcess worker) {
    return worker.label().replaceAll("[^0-9]", "");
  }

  private static String json(Map<String, String> config) {
    return config.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
        .collect(Collectors.joining(",", "{", "}"));
  }

  /** The repository's root, where docs/ is. */
  private static final class RepositoryRootPath {
    static Path find() {
      Path dir = Path.of("").toAbsolutePath();
      while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
        dir = dir.getParent();
      }
      if (dir == null) {
        throw new IllegalStateException("no docs/ above " + Path.of("").toAbsolutePath());
      }
      return dir;
    }
  }
}
