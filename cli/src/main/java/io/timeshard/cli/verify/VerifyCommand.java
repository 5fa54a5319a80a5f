package io.timeshard.cli.verify;

import static io.timeshard.cli.text.TextTable.count;

import io.timeshard.cli.Timeshard;
import io.timeshard.cli.config.ConfigFileException;
import io.timeshard.cli.config.RestoreSetup;
import io.timeshard.cli.text.TextTable;
import io.timeshard.connect.RestoreSourceConfig;
import io.timeshard.connect.plan.TopicRenames;
import io.timeshard.connect.restore.RecordConverter;
import io.timeshard.connect.restore.TimestampField;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.RestorePlan;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code timeshard verify}: compares the restored topics with the backup, partition by partition.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    header = "Compares the restored topics with the backup, partition by partition.",
    description = {
      "Reads the restored topics and compares them with the backup, partition by partition:"
          + " record counts, order, keys, headers, and values. The backup is read as the"
          + " connector reads it, within the restore window and restore.timestamp.field, and"
          + " converted with the worker's converters (the configuration's key.converter,"
          + " value.converter and header.converter, else --worker-config's, else JsonConverter and"
          + " SimpleHeaderConverter).",
      "ByteArrayConverter, StringConverter and JsonConverter are applied here as the worker"
          + " applies them. With any other converter the part it converts is not compared (counts,"
          + " order and the other parts are), and the report says so. Record timestamps are"
          + " compared when restore.record.timestamp=field. The header the restore adds to every"
          + " record (restore.origin.header, timeshard.origin by default) is not in the backup"
          + " and is left out of the comparison.",
      "Destination topics follow the configuration's RegexRouter transforms; --topic-map"
          + " overrides them. Other transforms are not applied here: the report names them.",
      "Prints a table and the first difference of each partition; exits with 1 on any"
          + " difference."
    })
public final class VerifyCommand implements Callable<Integer> {

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
      description = "The Kafka cluster the backup was restored to.")
  String bootstrapServer;

  @Option(
      names = "--topic-map",
      paramLabel = "BACKUP:RESTORED",
      split = ",",
      description =
          "The topic a backed-up topic was restored to, when not the one the configuration's"
              + " transforms give; repeat or separate with commas.")
  List<String> topicMap = new ArrayList<>();

  @Option(
      names = "--consumer-config",
      paramLabel = "FILE",
      description = "Consumer properties (security.protocol, sasl.*, ssl.*) for reading Kafka.")
  Path consumerConfig;

  @Option(
      names = "--worker-config",
      paramLabel = "FILE",
      description =
          "The worker's properties file, for its key.converter, value.converter and"
              + " header.converter when the configuration does not set them.")
  Path workerConfig;

  @Option(
      names = "--stall-timeout",
      defaultValue = "60",
      paramLabel = "SECONDS",
      description =
          "Give up on a partition whose reading makes no progress this long. Default:"
              + " ${DEFAULT-VALUE}.")
  long stallTimeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, String> mapped = parseTopicMap();
    try (RestoreSetup setup = RestoreSetup.open(config)) {
      RestoreSourceConfig restore = setup.config();
      Map<String, String> converterSettings = converterSettings(setup.props());
      Converters.Data keys = Converters.data(converterSettings, true);
      Converters.Data values = Converters.data(converterSettings, false);
      Converters.Header headers = Converters.header(converterSettings);
      boolean timestamps = restore.timestampFromField();
      ComparedRecord.Aspects aspects =
          new ComparedRecord.Aspects(
              keys.conversion().isPresent(),
              values.conversion().isPresent(),
              headers.conversion().isPresent(),
              timestamps);
      TopicRenames renames = TopicRenames.of(setup.props());
      RecordConverter converter =
          new RecordConverter(
              restore.window(),
              restore.timestampField().map(TimestampField::new),
              restore.timestampFromField());

      RestorePlan plan = setup.plan();
      out.printf(
          "Verifying restore '%s' from %s against %s%n",
          setup.name(), setup.describeStore(), bootstrapServer);
      out.printf(
          "Topics: %s; window: %s%s%n",
          restore.topicFilter(),
          restore.window().isAll() ? "none (everything)" : restore.window(),
          restore.timestampField().map(f -> "; records outside it dropped by " + f).orElse(""));
      out.println(compared(keys, values, headers, timestamps));
      otherTransforms(setup.props()).ifPresent(out::println);
      out.println();

      TextTable table =
          new TextTable(
              "backup partition", "restored to", ">backup records", ">restored records", "result");
      List<String> differences = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      try (Consumer<byte[], byte[]> consumer = consumer()) {
        Map<String, Integer> partitionCounts = new HashMap<>();
        for (PartitionStream stream : plan.streams()) {
          TopicPartition source = stream.topicPartition();
          String destinationTopic =
              mapped.getOrDefault(source.topic(), renames.apply(source.topic()));
          TopicPartition destination = new TopicPartition(destinationTopic, source.partition());
          int partitions =
              partitionCounts.computeIfAbsent(destinationTopic, t -> partitionCount(consumer, t));
          String result;
          PartitionComparison.Outcome outcome;
          try (BackupRecords backup =
              new BackupRecords(
                  stream,
                  destinationTopic,
                  setup.decoder(),
                  converter,
                  restore.failOnError(),
                  keys,
                  values,
                  headers,
                  timestamps)) {
            if (source.partition() >= partitions) {
              long expected = 0;
              while (backup.hasNext()) {
                backup.next();
                expected++;
              }
              outcome =
                  new PartitionComparison.Outcome(
                      expected,
                      0,
                      partitions == 0
                          ? "topic " + destinationTopic + " does not exist"
                          : "topic "
                              + destinationTopic
                              + " has only "
                              + partitions
                              + " partitions");
            } else {
              outcome =
                  PartitionComparison.compare(
                      backup,
                      new RestoredRecords(
                          consumer,
                          destination,
                          keys,
                          values,
                          aspects.headers(),
                          restore.originHeader().orElse(null),
                          timestamps,
                          Duration.ofSeconds(stallTimeout)),
                      aspects);
            }
            backup
                .skipped()
                .forEach(
                    key ->
                        notes.add(
                            source
                                + ": the rest of '"
                                + key
                                + "' is unreadable and skipped, as behavior.on.error=ignore skips"
                                + " it"));
          } catch (UncheckedIOException e) {
            outcome = new PartitionComparison.Outcome(-1, -1, e.getMessage());
          }
          result = outcome.agrees() ? "same" : "DIFFERENT";
          if (!outcome.agrees()) {
            differences.add(source + " -> " + destination + ": " + outcome.firstDifference());
          }
          table.row(
              source,
              destination,
              outcome.backup() < 0 ? "?" : count(outcome.backup()),
              outcome.restored() < 0 ? "?" : count(outcome.restored()),
              result);
        }
      }
      out.print(table);
      notes.forEach(out::println);
      out.println();
      if (plan.streams().isEmpty()) {
        out.println("The backup holds nothing to restore for this configuration.");
      }
      if (differences.isEmpty()) {
        out.printf(
            Locale.ROOT, "Every partition (%d) is restored as backed up.%n", plan.streams().size());
        out.flush();
        return Timeshard.OK;
      }
      out.printf(
          "%d of %d partitions differ. First difference of each:%n",
          differences.size(), plan.streams().size());
      differences.forEach(d -> out.println("  " + d));
      out.flush();
      return Timeshard.DIFFERENCE;
    }
  }

  private Map<String, String> parseTopicMap() {
    Map<String, String> mapped = new LinkedHashMap<>();
    for (String entry : topicMap) {
      int colon = entry.lastIndexOf(':');
      if (colon <= 0 || colon == entry.length() - 1) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--topic-map takes BACKUP:RESTORED, e.g. orders:orders-restored; got '" + entry + "'");
      }
      mapped.put(entry.substring(0, colon), entry.substring(colon + 1));
    }
    return mapped;
  }

  /** The worker's converter settings, overlaid with the connector's, as the worker merges them. */
  private Map<String, String> converterSettings(Map<String, String> connector) throws IOException {
    Map<String, String> settings = new HashMap<>();
    if (workerConfig != null) {
      Properties worker = load(workerConfig);
      for (String key : worker.stringPropertyNames()) {
        if (isConverterKey(key)) {
          settings.put(key, worker.getProperty(key));
        }
      }
    }
    for (String prefix :
        List.of(
            Converters.KEY_CONVERTER, Converters.VALUE_CONVERTER, Converters.HEADER_CONVERTER)) {
      if (connector.containsKey(prefix)) {
        // The connector's converter replaces the worker's, with its own settings only.
        settings.keySet().removeIf(k -> k.equals(prefix) || k.startsWith(prefix + "."));
        connector.forEach(
            (k, v) -> {
              if (k.equals(prefix) || k.startsWith(prefix + ".")) {
                settings.put(k, v);
              }
            });
      }
    }
    return settings;
  }

  private static boolean isConverterKey(String key) {
    for (String prefix :
        List.of(
            Converters.KEY_CONVERTER, Converters.VALUE_CONVERTER, Converters.HEADER_CONVERTER)) {
      if (key.equals(prefix) || key.startsWith(prefix + ".")) {
        return true;
      }
    }
    return false;
  }

  private static String compared(
      Converters.Data keys, Converters.Data values, Converters.Header headers, boolean timestamps) {
    List<String> yes = new ArrayList<>(List.of("counts", "order"));
    List<String> no = new ArrayList<>();
    (keys.conversion().isPresent() ? yes : no).add("keys (" + simple(keys.className()) + ")");
    (values.conversion().isPresent() ? yes : no).add("values (" + simple(values.className()) + ")");
    (headers.conversion().isPresent() ? yes : no)
        .add("headers (" + simple(headers.className()) + ")");
    if (timestamps) {
      yes.add("timestamps (restore.record.timestamp=field)");
    }
    String text = "Compared: " + String.join(", ", yes) + ".";
    if (!no.isEmpty()) {
      text +=
          " Not compared: "
              + String.join(", ", no)
              + ", a converter this command cannot apply as the worker does.";
    }
    return text;
  }

  private static String simple(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /** A note naming the transforms other than RegexRouter, which verify does not apply. */
  private static java.util.Optional<String> otherTransforms(Map<String, String> props) {
    List<String> others = new ArrayList<>();
    for (String alias : props.getOrDefault("transforms", "").split(",")) {
      String type = props.getOrDefault("transforms." + alias.trim() + ".type", "");
      if (!alias.isBlank() && !type.equals("org.apache.kafka.connect.transforms.RegexRouter")) {
        others.add(alias.trim() + " (" + type + ")");
      }
    }
    return others.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            "Note: the configuration's transforms "
                + others
                + " are not applied here; differences they make show up as differences.");
  }

  private Consumer<byte[], byte[]> consumer() throws IOException {
    Map<String, Object> props = new HashMap<>();
    if (consumerConfig != null) {
      Properties file = load(consumerConfig);
      file.stringPropertyNames().forEach(k -> props.put(k, file.getProperty(k)));
    }
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "timeshard-verify");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static int partitionCount(Consumer<byte[], byte[]> consumer, String topic) {
    Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(60));
    List<PartitionInfo> partitions = topics.get(topic);
    return partitions == null ? 0 : partitions.size();
  }

  private static Properties load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new ConfigFileException("No properties file " + file);
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    }
    return properties;
  }
}
