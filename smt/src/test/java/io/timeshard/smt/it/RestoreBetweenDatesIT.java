package io.timeshard.smt.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.smt.FilterByFieldTimestamp;
import io.timeshard.smt.TimestampInWindow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.transforms.Filter;
import org.apache.kafka.connect.transforms.ReplaceField;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The restore-between-dates recipe on a real Connect worker and broker: a source connector writes
 * records that carry event_timestamp (as a backup made with InsertField does), the transforms keep
 * the window and ReplaceField removes the field.
 */
class RestoreBetweenDatesIT {
  private static final long TIMEOUT_MS = 60_000;

  /** Record i + 1 has time TIMES[i]. */
  private static final List<String> TIMES =
      List.of(
          "2025-05-16T13:11:59.999Z", // 1: a millisecond before the start
          "2025-05-16T13:12:00Z", // 2: the start, inclusive
          "2025-05-16T13:13:00Z", // 3
          "2025-05-16T13:13:59.999Z", // 4: a millisecond before the end
          "2025-05-16T13:14:00Z", // 5: the end, exclusive
          "2025-05-16T14:00:00Z", // 6
          "2025-05-16T13:12:30Z"); // 7: last and inside, so its arrival means all were handled

  private static final List<String> EXPECTED_VALUES =
      List.of("{\"id\":2}", "{\"id\":3}", "{\"id\":4}", "{\"id\":7}");

  private static EmbeddedConnectCluster connect;

  @BeforeAll
  static void startCluster() {
    // Clients are sent to 127.0.0.1. The 4.1 test kit itself opens the broker's sockets on the
    // wildcard address, and the worker's REST listener is always HTTP://localhost:0; neither can
    // be changed through the builder.
    Properties brokerProps = new Properties();
    brokerProps.put("listeners", "EXTERNAL://127.0.0.1:0,CONTROLLER://127.0.0.1:0");
    // Plugins come from META-INF/services: a far quicker start than scanning the class path.
    Map<String, String> workerProps = new HashMap<>(Map.of("plugin.discovery", "service_load"));
    connect =
        new EmbeddedConnectCluster.Builder()
            .name("smt-it")
            .numWorkers(1)
            .numBrokers(1)
            .brokerProps(brokerProps)
            .workerProps(workerProps)
            .build();
    connect.start();
    System.err.println(
        "BOOTSTRAP "
            + connect.kafka().bootstrapServers()
            + " WORKER "
            + connect.endpointForResource("x"));
  }

  @AfterAll
  static void stopCluster() {
    if (connect != null) {
      connect.stop();
    }
  }

  @Test
  void filterByFieldTimestampKeepsTheWindowAndReplaceFieldDropsTheField() throws Exception {
    Map<String, String> config = sourceConfig("restored-by-filter");
    config.put("transforms", "filterByTime,dropField");
    config.put("transforms.filterByTime.type", FilterByFieldTimestamp.class.getName());
    config.put("transforms.filterByTime.timestamp.field", "event_timestamp");
    config.put("transforms.filterByTime.start.datetime", "20250516131200");
    config.put("transforms.filterByTime.end.datetime", "20250516131400");
    config.put("transforms.dropField.type", ReplaceField.Value.class.getName());
    config.put("transforms.dropField.exclude", "event_timestamp");

    assertThat(restore("restore-with-filter", config)).containsExactlyElementsOf(EXPECTED_VALUES);
  }

  @Test
  void kafkaFilterWithNegatedTimestampInWindowKeepsTheWindow() throws Exception {
    Map<String, String> config = sourceConfig("restored-by-predicate");
    config.put("transforms", "dropOutside,dropField");
    config.put("transforms.dropOutside.type", Filter.class.getName());
    config.put("transforms.dropOutside.predicate", "inWindow");
    config.put("transforms.dropOutside.negate", "true");
    config.put("transforms.dropField.type", ReplaceField.Value.class.getName());
    config.put("transforms.dropField.exclude", "event_timestamp");
    config.put("predicates", "inWindow");
    config.put("predicates.inWindow.type", TimestampInWindow.class.getName());
    config.put("predicates.inWindow.timestamp.field", "event_timestamp");
    config.put("predicates.inWindow.start.datetime", "20250516131200");
    config.put("predicates.inWindow.end.datetime", "20250516131400");

    assertThat(restore("restore-with-predicate", config))
        .containsExactlyElementsOf(EXPECTED_VALUES);
  }

  @Test
  void workerListsThePluginsWithTheJarVersion() {
    String plugins =
        (String)
            connect
                .requestGet(connect.endpointForResource("connector-plugins?connectorsOnly=false"))
                .getEntity();

    assertThat(plugins)
        .contains("\"class\":\"" + FilterByFieldTimestamp.class.getName() + "\"")
        .contains("\"class\":\"" + TimestampInWindow.class.getName() + "\"")
        .containsPattern(
            "\"class\":\"io\\.timeshard\\.smt\\.FilterByFieldTimestamp\",\"type\":\"transformation\","
                + "\"version\":\"\\d+\\.\\d+\\.\\d+[^\"]*\"");
  }

  private static Map<String, String> sourceConfig(String topic) {
    connect.kafka().createTopic(topic, 1);
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", FixedRecordsSourceConnector.class.getName());
    config.put("tasks.max", "1");
    config.put(FixedRecordsSourceConnector.TOPIC_CONFIG, topic);
    config.put(FixedRecordsSourceConnector.TIMES_CONFIG, String.join(",", TIMES));
    config.put("value.converter", JsonConverter.class.getName());
    config.put("value.converter.schemas.enable", "false");
    return config;
  }

  /** Runs the connector until the last record arrives, and returns every value in the topic. */
  private static List<String> restore(String name, Map<String, String> config) throws Exception {
    String topic = config.get(FixedRecordsSourceConnector.TOPIC_CONFIG);
    connect.configureConnector(name, config);
    connect
        .assertions()
        .assertConnectorAndAtLeastNumTasksAreRunning(name, 1, "the restore did not start");
    connect.kafka().consume(EXPECTED_VALUES.size(), TIMEOUT_MS, topic);
    List<String> values = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : connect.kafka().consumeAll(TIMEOUT_MS, topic)) {
      values.add(new String(record.value(), StandardCharsets.UTF_8));
    }
    connect.deleteConnector(name);
    return values;
  }
}
