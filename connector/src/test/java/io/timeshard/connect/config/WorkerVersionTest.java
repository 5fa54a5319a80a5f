package io.timeshard.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerVersionTest {

  private static final Map<String, String> BLACKLIST =
      Map.of(
          "transforms", "drop",
          "transforms.drop.type", "org.apache.kafka.connect.transforms.ReplaceField$Value",
          "transforms.drop.blacklist", "ts");

  /** The tests run on the build's Kafka, 4.1. */
  @Test
  void theWorkersVersionComesFromItsOwnConnectApi() {
    WorkerVersion version = WorkerVersion.current();

    assertThat(version.text()).startsWith("4.");
    assertThat(version.major()).hasValue(4);
  }

  @Test
  void aWorkerThatCannotTellIsVersionUnknownNotAnError() {
    WorkerVersion missing =
        WorkerVersion.of(
            () -> {
              throw new NoClassDefFoundError("org/apache/kafka/connect/storage/StringConverter");
            });
    WorkerVersion failing =
        WorkerVersion.of(
            () -> {
              throw new IllegalStateException("no version");
            });

    assertThat(missing).isEqualTo(WorkerVersion.UNKNOWN);
    assertThat(failing).isEqualTo(WorkerVersion.UNKNOWN);
    assertThat(WorkerVersion.of(() -> null)).isEqualTo(WorkerVersion.UNKNOWN);
    assertThat(WorkerVersion.UNKNOWN.major()).isEmpty();
    assertThat(WorkerVersion.UNKNOWN).hasToString("unknown");
  }

  @Test
  void aVersionThatIsNotANumberHasNoMajor() {
    assertThat(WorkerVersion.of(() -> "trunk-SNAPSHOT").major()).isEmpty();
    assertThat(WorkerVersion.of(() -> "3.9.2").major()).hasValue(3);
    assertThat(WorkerVersion.of(() -> "4.4.0").major()).hasValue(4);
  }

  @Test
  void removedReplaceFieldKeysAreRefusedOnKafka4AndWarnedOnOlderOrUnknownWorkers() {
    List<String> warnings = new ArrayList<>();

    assertThat(rule(new WorkerVersion("4.4.0"), warnings))
        .extracting(ConfigRules.Problem::key)
        .containsExactly("transforms.drop.blacklist");
    assertThat(warnings).isEmpty();

    assertThat(rule(new WorkerVersion("3.9.2"), warnings)).isEmpty();
    assertThat(warnings).singleElement().asString().contains("deprecated");

    warnings.clear();
    assertThat(rule(WorkerVersion.UNKNOWN, warnings)).isEmpty();
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("version is unknown")
        .contains("transforms.drop.exclude");
  }

  private static List<ConfigRules.Problem> rule(WorkerVersion worker, List<String> warnings) {
    return ConfigRules.removedReplaceFieldKeys(BLACKLIST, worker, warnings::add);
  }
}
