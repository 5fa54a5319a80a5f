package io.timeshard.smt;

import static io.timeshard.smt.TestRecords.END;
import static io.timeshard.smt.TestRecords.START;
import static io.timeshard.smt.TestRecords.props;
import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.smt.it.FixedRecordsSourceConnector;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.runtime.ConnectMetrics;
import org.apache.kafka.connect.runtime.MockConnectMetrics;
import org.apache.kafka.connect.runtime.SourceConnectorConfig;
import org.apache.kafka.connect.runtime.TransformationStage;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Filter;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kafka's own Filter with TimestampInWindow as its predicate, wired by the Connect runtime from a
 * connector configuration exactly as a worker does it, negate included.
 */
class KafkaFilterWithPredicateTest {
  private static final Schema VALUE_SCHEMA =
      SchemaBuilder.struct().field("event_timestamp", Timestamp.SCHEMA).build();

  private static Plugins plugins;
  private static ConnectMetrics metrics;

  @BeforeAll
  static void startRuntimePieces() {
    plugins = new Plugins(Map.of("plugin.discovery", "service_load"));
    metrics = new MockConnectMetrics();
  }

  @AfterAll
  static void stopRuntimePieces() {
    metrics.stop();
  }

  @ParameterizedTest(name = "{0}: kept {1}")
  @CsvSource({
    "2025-05-16T13:11:59.999Z, false",
    "2025-05-16T13:12:00.000Z, true",
    "2025-05-16T13:13:59.999Z, true",
    "2025-05-16T13:14:00.000Z, false",
  })
  void negatedPredicateKeepsTheWindow(Instant time, boolean kept) {
    assertThat(keptBy(connectorConfig("true"), time)).isEqualTo(kept);
  }

  @ParameterizedTest(name = "{0}: kept {1}")
  @CsvSource({
    "2025-05-16T13:11:59.999Z, true",
    "2025-05-16T13:12:00.000Z, false",
    "2025-05-16T13:13:59.999Z, false",
    "2025-05-16T13:14:00.000Z, true",
  })
  void predicateWithoutNegateDropsTheWindow(Instant time, boolean kept) {
    assertThat(keptBy(connectorConfig("false"), time)).isEqualTo(kept);
  }

  private static Map<String, String> connectorConfig(String negate) {
    return props(
        "name",
        "restore",
        "connector.class",
        FixedRecordsSourceConnector.class.getName(),
        "transforms",
        "keepWindow",
        "transforms.keepWindow.type",
        Filter.class.getName(),
        "transforms.keepWindow.predicate",
        "inWindow",
        "transforms.keepWindow.negate",
        negate,
        "predicates",
        "inWindow",
        "predicates.inWindow.type",
        TimestampInWindow.class.getName(),
        "predicates.inWindow.timestamp.field",
        "event_timestamp",
        "predicates.inWindow.start.datetime",
        START,
        "predicates.inWindow.end.datetime",
        END);
  }

  private static boolean keptBy(Map<String, String> connectorConfig, Instant time) {
    SourceConnectorConfig config = new SourceConnectorConfig(plugins, connectorConfig, true);
    List<TransformationStage<SourceRecord>> stages =
        config.transformationStages(plugins, new ConnectorTaskId("restore", 0), metrics);
    SourceRecord record =
        new SourceRecord(
            Map.of(),
            Map.of(),
            "orders",
            0,
            VALUE_SCHEMA,
            new Struct(VALUE_SCHEMA).put("event_timestamp", Date.from(time)));
    try {
      for (TransformationStage<SourceRecord> stage : stages) {
        record = stage.apply(record);
        if (record == null) {
          return false;
        }
      }
      return true;
    } finally {
      stages.forEach(TransformationStage::close);
    }
  }
}
