package io.timeshard.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.store.RegisteredStoreProvider;
import io.timeshard.connect.supervise.TaskRestartConfig;
import io.timeshard.connect.supervise.TaskRestartExtension;
import io.timeshard.connect.testing.ConnectClusters;
import io.timeshard.connect.testing.CustomerBackup;
import io.timeshard.connect.testing.RestoreConfigs;
import io.timeshard.connect.testing.RestoredTopic;
import io.timeshard.connect.testing.Sequences;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A restore on three workers, disturbed: the worker that runs the connector stopped mid-restore,
 * and every worker restarted one at a time, once as an operator rolls and once as an orchestrator
 * does. Nobody lends a hand: no task fails its graceful stop, every task is {@code RUNNING} at the
 * end, nothing is lost, and no task is {@code FAILED} at any sampled moment, except, in the
 * orchestrated roll, one that Connect fails outside Timeshard's code and the workers' {@link
 * TaskRestartExtension} restarts. With exactly-once on, a read-committed consumer sees every record
 * exactly once; without, a partition's duplicates are at most what it produced within one offset
 * flush interval per disturbance.
 *
 * <p>One cluster per class (one class per exactly-once mode), shared by its three tests. The
 * embedded workers share one JVM, so a static memory of the plugin would make a connector that
 * moves look as if it had run there before; the connector's task configurations depend on nothing
 * kept between its starts, so a start on another embedded worker is a start where it never ran.
 * (The earlier connector, which answered from such a memory or else with no task while it planned,
 * fails the exactly-once rolling restart here, a task {@code FAILED}, once that memory is
 * disabled.)
 */
abstract class WorkerFailures {

  private static final int WORKERS = 3;
  private static final int PARTITIONS = 3;
  private static final int PER_PARTITION = 300;
  private static final int TOTAL = PARTITIONS * PER_PARTITION;
  private static final long TIMEOUT_MS = 180_000;

  /**
   * Each task opens an object (one record each) at most every 50 ms: a restore lasts at least 15 s,
   * long enough to be disturbed, and a partition produces at most 20 records a second.
   */
  private static final long OPEN_DELAY_MS = 50;

  /** Worker property {@code offset.flush.interval.ms} (see {@link ConnectClusters}). */
  private static final long FLUSH_INTERVAL_MS = 1_000;

  /** The most records one partition produces in one offset flush interval, and a poll's batch. */
  private static final int PER_FLUSH_INTERVAL = (int) (FLUSH_INTERVAL_MS / OPEN_DELAY_MS) + 5;

  private static Path backup;
  private static EmbeddedConnectCluster connect;
  private static final WorkerLogLines workerLog = new WorkerLogLines();

  private final boolean exactlyOnce;

  WorkerFailures(boolean exactlyOnce) {
    this.exactlyOnce = exactlyOnce;
  }

  static void startCluster(String name, boolean exactlyOnce) throws Exception {
    backup = Files.createTempDirectory(name);
    CustomerBackup.write(backup, "customerst", PARTITIONS, PER_PARTITION);
    Map<String, String> workerProps = new HashMap<>();
    // A lost worker's tasks are given to the others after 2 s, not Connect's default 5 minutes.
    workerProps.put(DistributedConfig.SCHEDULED_REBALANCE_MAX_DELAY_MS_CONFIG, "2000");
    workerProps.put("offset.flush.interval.ms", String.valueOf(FLUSH_INTERVAL_MS));
    if (exactlyOnce) {
      workerProps.put(DistributedConfig.EXACTLY_ONCE_SOURCE_SUPPORT_CONFIG, "enabled");
    }
    // As docs/operations.md installs it; the tests that allow no FAILED task also check that it
    // never had to restart one.
    workerProps.put("rest.extension.classes", TaskRestartExtension.class.getName());
    workerProps.put(TaskRestartConfig.CHECK_INTERVAL_MS_CONFIG, "1000");
    connect = ConnectClusters.start(name, WORKERS, workerProps);
    workerLog.install();
  }

  @AfterAll
  static void stopCluster() {
    workerLog.uninstall();
    if (connect != null) {
      connect.stop();
    }
  }

  /** Each test starts with three workers in the group. */
  @BeforeEach
  void threeWorkers() throws InterruptedException {
    while (connect.workers().size() < WORKERS) {
      connect.addWorker();
    }
    connect.assertions().assertAtLeastNumWorkersAreUp(WORKERS, "three workers are up");
  }

  @Test
  void theWorkerRunningTheConnectorStoppedMidRestore() throws Exception {
    String name = startRestore("lost");
    TaskStates states = TaskStates.sample(connect, name);
    try {
      waitForSomeRecords(name);
      WorkerHandle victim = workerOfConnector(name);
      connect.removeWorker(victim);
      awaitRestored(name, 1);
    } finally {
      states.stop();
    }
    states.assertNeverFailed();
    workerLog.assertNoFailedGracefulStop(name);
    workerLog.assertNoTaskRestartedByTheExtension(name);
    connect.deleteConnector(name);
  }

  /**
   * As an operator rolls: the next worker only once this one has rejoined and the three tasks run
   * on the three live workers. The status API alone would not do: a stopped worker's tasks keep
   * their last state, {@code RUNNING}, until another worker starts them, so the tasks look spread
   * while one of them is still starting. Stopping the group's leader at that moment makes Connect
   * fail the starting exactly-once task before the connector's code runs (its fencing request is
   * forwarded to the leader's REST address, which stops first); see {@link TaskRestartExtension}
   * for the rolls that do not wait, as {@link #everyWorkerRestartedWithoutWaitingForTheTasks}.
   */
  @Test
  void everyWorkerRestartedOneAtATime() throws Exception {
    String name = startRestore("rolling");
    TaskStates states = TaskStates.sample(connect, name);
    try {
      waitForSomeRecords(name);
      restartEveryWorker(name, true);
      awaitRestored(name, WORKERS);
    } finally {
      states.stop();
    }
    states.assertNeverFailed();
    workerLog.assertNoFailedGracefulStop(name);
    workerLog.assertNoTaskRestartedByTheExtension(name);
    connect.deleteConnector(name);
  }

  /**
   * As an orchestrator rolls (a Kubernetes StatefulSet waits for a worker's REST port, not for the
   * tasks): each worker is restarted as soon as the one before is up again. With exactly-once,
   * Connect may then fail a task that starts while the group's leader stops, before the connector's
   * code runs; {@link TaskRestartExtension} restarts it, only in the worker that failed it (a
   * second restart from another worker would stop the instance the first started, in its start),
   * and nobody else does. Every task runs at the end and nothing is lost or, with exactly-once,
   * duplicated.
   */
  @Test
  void everyWorkerRestartedWithoutWaitingForTheTasks() throws Exception {
    String name = startRestore("orchestrated");
    TaskStates states = TaskStates.sample(connect, name);
    try {
      waitForSomeRecords(name);
      restartEveryWorker(name, false);
      awaitRestored(name, WORKERS);
    } finally {
      states.stop();
    }
    states.assertFailedOnlyOutsideTimeshard();
    workerLog.assertNoFailedGracefulStop(name);
    workerLog.assertEveryRestartByTheWorkerThatFailedTheTask(name);
    connect.deleteConnector(name);
  }

  /**
   * Stops each worker in turn and starts a new one in its place; the next once the new one is up
   * and, with {@code waitForTheTasks}, once the three tasks run on the three live workers.
   */
  private static void restartEveryWorker(String connector, boolean waitForTheTasks)
      throws InterruptedException {
    for (WorkerHandle worker : List.copyOf(connect.workers())) {
      connect.removeWorker(worker);
      connect.addWorker();
      connect.assertions().assertAtLeastNumWorkersAreUp(WORKERS, "the restarted worker is up");
      if (waitForTheTasks) {
        TestUtils.waitForCondition(
            () -> tasksOnEveryLiveWorker(connector),
            TIMEOUT_MS,
            "the three tasks run, one on each live worker");
      }
    }
  }

  private String topic(String name) {
    return "restored-" + name + (exactlyOnce ? "-eos" : "-alo");
  }

  private String startRestore(String name) throws InterruptedException {
    String connector = name + (exactlyOnce ? "-eos" : "-alo");
    String topic = topic(name);
    connect.kafka().createTopic(topic, PARTITIONS);
    Map<String, String> config = RestoreConfigs.slow(RestoreConfigs.timeBased(backup, PARTITIONS));
    config.remove("store.url");
    config.put("store.type", RegisteredStoreProvider.NAME);
    config.put(RegisteredStoreProvider.ROOT_CONFIG, backup.toString());
    config.put(RegisteredStoreProvider.TASK_OPEN_DELAY_MS_CONFIG, String.valueOf(OPEN_DELAY_MS));
    config.put("transforms", "rename");
    config.put("transforms.rename.type", "org.apache.kafka.connect.transforms.RegexRouter");
    config.put("transforms.rename.regex", "customerst");
    config.put("transforms.rename.replacement", topic);
    if (exactlyOnce) {
      config.put("exactly.once.support", "required");
    }
    connect.configureConnector(connector, config);
    connect
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning(connector, PARTITIONS, "three tasks run");
    return connector;
  }

  private Map<String, Object> consumerProps() {
    Map<String, Object> props = new HashMap<>();
    if (exactlyOnce) {
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }
    return props;
  }

  /** Mid-restore: a fifth of the records are there. */
  private void waitForSomeRecords(String connector) {
    connect.kafka().consume(TOTAL / 5, TIMEOUT_MS, consumerProps(), topic(stem(connector)));
  }

  private static String stem(String connector) {
    return connector.substring(0, connector.lastIndexOf('-'));
  }

  /** Every task {@code RUNNING}, one on each worker that is up now. */
  private static boolean tasksOnEveryLiveWorker(String connector) {
    ConnectorStateInfo status;
    try {
      status = connect.connectorStatus(connector);
    } catch (RuntimeException e) {
      return false;
    }
    Set<String> live =
        connect.workers().stream()
            .map(worker -> ":" + worker.url().getPort())
            .collect(Collectors.toSet());
    return status.tasks().size() == PARTITIONS
        && status.tasks().stream().allMatch(task -> "RUNNING".equals(task.state()))
        && status.tasks().stream()
                .map(ConnectorStateInfo.TaskState::workerId)
                .map(id -> id.substring(id.lastIndexOf(':')))
                .filter(live::contains)
                .distinct()
                .count()
            == WORKERS;
  }

  private WorkerHandle workerOfConnector(String connector) {
    String workerId = connect.connectorStatus(connector).connector().workerId();
    return connect.workers().stream()
        .filter(worker -> workerId.endsWith(":" + worker.url().getPort()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no worker is " + workerId));
  }

  /**
   * Waits until every record is there, then until every task runs, and checks each partition: every
   * record in order, and duplicates only as the mode allows.
   */
  private void awaitRestored(String connector, int disturbances) throws Exception {
    String topic = topic(stem(connector));
    long deadline = System.currentTimeMillis() + TIMEOUT_MS;
    ConsumerRecords<byte[], byte[]> all;
    while (true) {
      all = connect.kafka().consumeAll(TIMEOUT_MS, consumerProps(), null, topic);
      if (complete(all) || System.currentTimeMillis() > deadline) {
        break;
      }
      Thread.sleep(500);
    }
    connect
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning(
            connector, PARTITIONS, "every task runs at the end");
    // Whatever a task replays after it would show now.
    all = connect.kafka().consumeAll(TIMEOUT_MS, consumerProps(), null, topic);
    for (int p = 0; p < PARTITIONS; p++) {
      List<Long> ids = RestoredTopic.ids(all, p);
      List<Long> expected = Sequences.expectedIds(p, PER_PARTITION);
      if (exactlyOnce) {
        assertThat(ids).as("partition %d, read committed", p).containsExactlyElementsOf(expected);
      } else {
        assertThat(Sequences.firstAppearances(ids))
            .as("partition %d: every record, in order", p)
            .containsExactlyElementsOf(expected);
        assertThat(ids.size() - PER_PARTITION)
            .as("partition %d: duplicates", p)
            .isLessThanOrEqualTo(disturbances * PER_FLUSH_INTERVAL);
      }
    }
  }

  private static boolean complete(ConsumerRecords<byte[], byte[]> all) {
    for (int p = 0; p < PARTITIONS; p++) {
      if (Set.copyOf(RestoredTopic.ids(all, p)).size() < PER_PARTITION) {
        return false;
      }
    }
    return true;
  }

  /** The connector's task states, sampled every 100 ms on a thread of their own. */
  static final class TaskStates {
    private final Thread thread;
    private final List<String> failures = new ArrayList<>();
    private volatile boolean running = true;
    private int samples;

    private TaskStates(EmbeddedConnectCluster connect, String connector) {
      thread =
          new Thread(
              () -> {
                while (running) {
                  sampleOnce(connect, connector);
                  try {
                    Thread.sleep(100);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              connector + "-task-states");
      thread.setDaemon(true);
    }

    static TaskStates sample(EmbeddedConnectCluster connect, String connector) {
      TaskStates states = new TaskStates(connect, connector);
      states.thread.start();
      return states;
    }

    private void sampleOnce(EmbeddedConnectCluster connect, String connector) {
      ConnectorStateInfo status;
      try {
        status = connect.connectorStatus(connector);
      } catch (RuntimeException e) {
        // A worker stopping or starting answers nothing: no state to sample.
        return;
      }
      synchronized (this) {
        samples++;
        if ("FAILED".equals(status.connector().state())) {
          failures.add("connector: " + status.connector().trace());
        }
        for (ConnectorStateInfo.TaskState task : status.tasks()) {
          if ("FAILED".equals(task.state())) {
            failures.add("task " + task.id() + " on " + task.workerId() + ": " + task.trace());
          }
        }
      }
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join();
    }

    synchronized void assertNeverFailed() {
      assertThat(samples).as("task states sampled").isGreaterThan(10);
      assertThat(failures).as("FAILED at a sampled moment").isEmpty();
    }

    /** Any failure sampled was the worker's, outside Timeshard's code: the extension's case. */
    synchronized void assertFailedOnlyOutsideTimeshard() {
      assertThat(samples).as("task states sampled").isGreaterThan(10);
      assertThat(failures)
          .as("FAILED at a sampled moment, in Timeshard's code")
          .noneMatch(failure -> failure.contains("at io.timeshard."));
    }
  }
}
