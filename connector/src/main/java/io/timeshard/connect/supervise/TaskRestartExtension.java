package io.timeshard.connect.supervise;

import io.timeshard.connect.Version;
import io.timeshard.connect.supervise.rest.WorkerResources;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker extension that restarts the tasks of Timeshard's connectors that the worker itself
 * failed, outside Timeshard's code, so that nobody has to.
 *
 * <p>The case it exists for: with exactly-once source support, a worker that starts a task first
 * has the group's leader fence the task's earlier instances, through the leader's REST address.
 * When the leader is stopping (its REST server stops first) the worker fails the task before the
 * connector's code runs, and Connect never restarts a failed task by itself. A rolling restart that
 * goes on to the next worker before the moved tasks have started, as an orchestrator that waits
 * only for a worker's REST port does, meets this. A plugin cannot restart its own task through
 * Connect's Java API; the REST API can, and a REST extension is the public hook that runs in every
 * worker and sees the tasks' states ({@code ConnectClusterState}).
 *
 * <p>Enable it in every worker: {@code rest.extension.classes=
 * io.timeshard.connect.supervise.TaskRestartExtension}; its keys are in {@link TaskRestartConfig}.
 * Its REST resources ({@link WorkerResources}) let the extensions tell which of them runs in the
 * worker that failed a task, so that one restarts it and the others do not, and let {@code
 * timeshard status} show the restarts.
 */
public class TaskRestartExtension implements ConnectRestExtension {

  private static final Logger log = LoggerFactory.getLogger(TaskRestartExtension.class);

  private TaskRestartConfig config;
  private ScheduledExecutorService looks;

  @Override
  public void configure(Map<String, ?> workerProps) {
    config = new TaskRestartConfig(workerProps);
  }

  @Override
  public void register(ConnectRestExtensionContext context) {
    String token = UUID.randomUUID().toString();
    TaskRestartLog restarts = new TaskRestartLog();
    try {
      WorkerResources.register(context, token, restarts);
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn(
          "Cannot answer {} in this worker, so the extensions cannot tell which worker failed a"
              + " task (each may restart it), and timeshard status cannot show this worker's"
              + " restarts",
          WorkerResources.TOKEN_PATH,
          e);
    }
    FailedTaskRestarter restarter =
        new FailedTaskRestarter(context.clusterState(), config, token, restarts, Clock.systemUTC());
    looks =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "timeshard-task-restarts");
              thread.setDaemon(true);
              return thread;
            });
    long interval = config.checkInterval().toMillis();
    looks.scheduleWithFixedDelay(
        () -> {
          try {
            restarter.checkOnce();
          } catch (RuntimeException e) {
            // The worker is starting or stopping: the next look tells.
            log.debug("Could not look at the connectors' states", e);
          }
        },
        // A phase of its own for each worker, so that the workers do not all ask at once.
        ThreadLocalRandom.current().nextLong(interval),
        interval,
        TimeUnit.MILLISECONDS);
    log.info(
        "Restarting tasks of Timeshard's connectors that the worker fails outside Timeshard's"
            + " code: a look every {} ms, at most {} restarts of a task an hour",
        interval,
        config.maxPerHour());
  }

  @Override
  public void close() {
    if (looks != null) {
      looks.shutdownNow();
    }
  }

  @Override
  public String version() {
    return Version.get();
  }
}
