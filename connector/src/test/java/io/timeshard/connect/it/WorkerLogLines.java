package io.timeshard.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.supervise.TaskRestartExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the embedded workers log (System.err, where the test logger writes), kept to search: the
 * failed graceful stops of tasks, and the restarts by {@link TaskRestartExtension}.
 */
final class WorkerLogLines extends OutputStream {
  private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
  private PrintStream original;
  private final Set<String> failedStops = ConcurrentHashMap.newKeySet();
  private final Set<String> extensionRestarts = ConcurrentHashMap.newKeySet();
  private final Set<String> taskStarts = ConcurrentHashMap.newKeySet();

  void install() {
    failedStops.clear();
    extensionRestarts.clear();
    taskStarts.clear();
    original = System.err;
    System.setErr(new PrintStream(this, true, StandardCharsets.UTF_8));
  }

  void uninstall() {
    if (original != null) {
      System.setErr(original);
    }
  }

  @Override
  public synchronized void write(int b) {
    original.write(b);
    if (b == '\n') {
      line();
    } else {
      seen.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  @Override
  public void flush() throws IOException {
    original.flush();
  }

  private void line() {
    String line = seen.toString(StandardCharsets.UTF_8);
    seen.reset();
    if (line.contains("Graceful stop of task")) {
      failedStops.add(line);
    }
    if (line.contains("FailedTaskRestarter") && line.contains("Restarted task")) {
      extensionRestarts.add(line);
    }
    if (line.contains("RestoreSourceTask") && line.contains(") planned in ")) {
      taskStarts.add(line);
    }
  }

  /** How many times the task started: each start of a restore task plans, and logs it. */
  long taskStarts(String connector, int task) {
    return taskStarts.stream()
        .filter(line -> line.contains("Restore task " + connector + "-" + task + " ("))
        .count();
  }

  /** The extension's restarts of one task. */
  long restartsByTheExtension(String connector, int task) {
    return restartsByTheExtension(connector).stream()
        .filter(line -> line.contains("Restarted task " + task + " of connector "))
        .count();
  }

  /** The extension's restarts of the connector's tasks. */
  Set<String> restartsByTheExtension(String connector) {
    return Set.copyOf(
        extensionRestarts.stream()
            .filter(line -> line.contains(" of connector " + connector + " "))
            .toList());
  }

  /** Not even a failure too short for the sampler to see: the extension restarted nothing. */
  void assertNoTaskRestartedByTheExtension(String connector) {
    assertThat(restartsByTheExtension(connector))
        .as("tasks of %s restarted by TaskRestartExtension", connector)
        .isEmpty();
  }

  /**
   * Every restart by the extension was made by the worker that failed the task, which names itself
   * ("this worker"), and no other: two restarts in a row would stop the instance the first started.
   */
  void assertEveryRestartByTheWorkerThatFailedTheTask(String connector) {
    assertThat(restartsByTheExtension(connector))
        .as("restarts of %s's tasks by TaskRestartExtension", connector)
        .allMatch(line -> line.contains(": this worker ("));
  }

  void assertNoFailedGracefulStop(String connector) {
    assertThat(failedStops)
        .as("failed graceful stops of %s's tasks", connector)
        .noneMatch(line -> line.contains("Graceful stop of task " + connector + "-"));
  }
}
