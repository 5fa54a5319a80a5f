package io.timeshard.connect.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskRestartLogTest {

  @Test
  void keepsTheLatestRestartsOfEachConnectorOldestFirst() {
    TaskRestartLog log = new TaskRestartLog();
    Instant start = Instant.parse("2026-12-07T02:00:00Z");
    for (int i = 0; i < TaskRestartLog.KEPT + 5; i++) {
      log.add("restore", i, start.plusSeconds(i), "w1:8083", true, "cause " + i);
    }
    log.add("other", 0, start, "w2:8083", false, "fencing");

    assertThat(log.of("restore"))
        .hasSize(TaskRestartLog.KEPT - 1)
        .first()
        .isEqualTo(
            Map.of(
                "task", 6,
                "time", "2026-12-07T02:00:06Z",
                "failed_on", "w1:8083",
                "by_that_worker", true,
                "cause", "cause 6"));
    assertThat(log.of("other"))
        .containsExactly(
            Map.of(
                "task", 0,
                "time", "2026-12-07T02:00:00Z",
                "failed_on", "w2:8083",
                "by_that_worker", false,
                "cause", "fencing"));
    assertThat(log.of("unknown")).isEmpty();
  }
}
