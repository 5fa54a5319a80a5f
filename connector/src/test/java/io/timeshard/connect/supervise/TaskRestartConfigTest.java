package io.timeshard.connect.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class TaskRestartConfigTest {

  @Test
  void defaultsFromAWorkerConfigurationWithoutTheKeys() {
    TaskRestartConfig config =
        new TaskRestartConfig(Map.of("group.id", "connect", "bootstrap.servers", "kafka:9092"));

    assertThat(config.checkInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.maxPerHour()).isEqualTo(6);
    assertThat(config.restUrl()).isEmpty();
    assertThat(config.scheme()).isEqualTo("http");
  }

  @Test
  void theSchemeIsTheFirstListenersAndTheUrlLosesItsTrailingSlash() {
    TaskRestartConfig config =
        new TaskRestartConfig(
            Map.of(
                "listeners", "HTTPS://0.0.0.0:8443,http://localhost:8083",
                "timeshard.task.restart.rest.url", "https://connect.internal:8443/"));

    assertThat(config.scheme()).isEqualTo("https");
    assertThat(config.restUrl()).contains("https://connect.internal:8443");
  }

  @Test
  void aRestUrlThatIsNotAUrlIsRefusedNamingTheKey() {
    assertThatThrownBy(
            () -> new TaskRestartConfig(Map.of("timeshard.task.restart.rest.url", "connect:8083")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("timeshard.task.restart.rest.url");
  }
}
