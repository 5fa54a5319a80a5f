package io.timeshard.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TaskRestartNotesTest {

  @Test
  void namesThePartitionsWhoseTaskRestartedAndWhy() throws Exception {
    var offsets =
        new ObjectMapper()
            .readTree(
                """
                {"offsets": [
                  {"partition": {"topic": "orders", "partition": 0},
                   "offset": {"object": "k0", "start": 0, "record": 3, "eof": false}},
                  {"partition": {"topic": "orders", "partition": 1},
                   "offset": {"object": "k1", "start": 0, "record": 3, "eof": false,
                              "task_restarts": 2,
                              "task_restart_reason": "no read from s3://b has succeeded (t)"}}
                ]}
                """);

    assertThat(TaskRestartNotes.from(offsets))
        .containsExactly(
            "orders-1: its task restarted by itself 2 times; the last after: no read from s3://b"
                + " has succeeded (t)");
  }
}
