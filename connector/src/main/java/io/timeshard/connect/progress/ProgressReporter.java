package io.timeshard.connect.progress;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells operators how a task's restore goes: a JMX bean, a progress line at most every 30 s, and a
 * summary per partition and in total once everything planned is restored.
 */
public final class ProgressReporter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);
  private static final long INTERVAL_NANOS = 30_000_000_000L;

  private final RestoreProgress progress;
  private final String task;
  private final ObjectName beanName;
  private long lastLineNanos = System.nanoTime();
  private boolean summarised;

  public ProgressReporter(RestoreProgress progress, String connector, int taskId) {
    this.progress = progress;
    this.task = connector + "-" + taskId;
    this.beanName = register(progress, connector, taskId);
  }

  private static ObjectName register(RestoreProgress progress, String connector, int taskId) {
    try {
      ObjectName name =
          new ObjectName(
              "io.timeshard:type=restore-task,connector="
                  + ObjectName.quote(connector)
                  + ",task="
                  + taskId);
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
      server.registerMBean(new StandardMBean(progress, RestoreTaskMetricsMBean.class), name);
      return name;
    } catch (JMException e) {
      log.warn("Cannot register the restore metrics of {}-{} over JMX", connector, taskId, e);
      return null;
    }
  }

  /** Logs a progress line when 30 s have passed since the last. */
  public void maybeLogProgress() {
    long now = System.nanoTime();
    if (now - lastLineNanos < INTERVAL_NANOS || progress.isComplete()) {
      return;
    }
    lastLineNanos = now;
    log.info(
        "Restore task {}: {} of {} objects, {} records, {} of {} bytes; {} objects left ({}),"
            + " about {} s to go",
        task,
        progress.getRestoredObjects(),
        progress.getPlannedObjects(),
        progress.getRestoredRecords(),
        progress.getRestoredBytes(),
        progress.getPlannedBytes(),
        progress.getRemainingObjects(),
        progress.getRemainingObjectsByPartition(),
        progress.getEtaSeconds());
  }

  /** Logs the summary once, when the restore of everything planned is complete. */
  public void maybeSummarise() {
    if (summarised || !progress.isComplete()) {
      return;
    }
    summarised = true;
    double seconds = progress.elapsedSeconds();
    for (Map.Entry<TopicPartition, RestoreProgress.StreamProgress> e :
        progress.streams().entrySet()) {
      RestoreProgress.StreamProgress stream = e.getValue();
      log.info(
          "Restored {}: {} records, {} objects, {} bytes in {} s ({} records/s)",
          e.getKey(),
          stream.records(),
          stream.objects(),
          stream.bytes(),
          format(seconds),
          format(stream.records() / Math.max(seconds, 0.001)));
    }
    log.info(
        "Restore task {} complete: {} records, {} objects, {} bytes in {} s ({} records/s);"
            + " {} records outside the window, {} objects skipped; watching for new objects",
        task,
        progress.getRestoredRecords(),
        progress.getRestoredObjects(),
        progress.getRestoredBytes(),
        format(seconds),
        format(progress.getRestoredRecords() / Math.max(seconds, 0.001)),
        progress.getFilteredRecords(),
        progress.getSkippedObjects());
  }

  /** New objects arrived: the next completion gets a summary of its own. */
  public void reopen() {
    summarised = false;
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  @Override
  public void close() {
    if (beanName == null) {
      return;
    }
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(beanName);
    } catch (JMException e) {
      log.debug("Cannot unregister {}", beanName, e);
    }
  }
}
