package io.timeshard.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExtensionRestartNotesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void asksEachWorkerRunningTheConnectorOnceAndListsTheRestartsOldestFirst() throws Exception {
    JsonNode status =
        json(
            "{'connector': {'state': 'RUNNING', 'worker_id': 'w1:8083'}, 'tasks': ["
                + "{'id': 0, 'state': 'RUNNING', 'worker_id': 'w1:8083'},"
                + "{'id': 1, 'state': 'RUNNING', 'worker_id': 'w2:8083'},"
                + "{'id': 2, 'state': 'RUNNING', 'worker_id': 'w3:8083'}]}");
    Map<String, JsonNode> answers =
        Map.of(
            "w2:8083",
            json(
                "[{'task': 1, 'time': '2026-12-07T02:15:33.831Z', 'failed_on': 'w2:8083',"
                    + " 'by_that_worker': true, 'cause': 'IO Error trying to forward REST"
                    + " request'}]"),
            "w1:8083",
            json(
                "[{'task': 0, 'time': '2026-12-07T02:09:01Z', 'failed_on': 'w4:8083',"
                    + " 'by_that_worker': false,"
                    + " 'cause': 'Unrecoverable exception from producer send callback'}]"));
    List<String> asked = new ArrayList<>();

    List<String> notes =
        ExtensionRestartNotes.from(
            status,
            id -> {
              asked.add(id);
              // w3 runs no extension, or is not reachable from here.
              return Optional.ofNullable(answers.get(id));
            });

    assertThat(asked).containsExactly("w1:8083", "w2:8083", "w3:8083");
    assertThat(notes)
        .containsExactly(
            "task 0 at 2026-12-07T02:09:01Z, after worker w4:8083 (which gave no token: no"
                + " extension there?) failed it outside Timeshard's code: Unrecoverable exception"
                + " from producer send callback",
            "task 1 at 2026-12-07T02:15:33.831Z, by worker w2:8083, which had failed it outside"
                + " Timeshard's code: IO Error trying to forward REST request");
  }

  @Test
  void noWorkerAnsweringMeansNoNotes() throws Exception {
    JsonNode status =
        json("{'connector': {'state': 'RUNNING', 'worker_id': 'w1:8083'}, 'tasks': []}");

    assertThat(ExtensionRestartNotes.from(status, id -> Optional.empty())).isEmpty();
  }
}
