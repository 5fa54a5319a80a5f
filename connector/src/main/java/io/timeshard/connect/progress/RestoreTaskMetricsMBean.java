package io.timeshard.connect.progress;

/**
 * A restore task's progress over JMX, under {@code
 * io.timeshard:type=restore-task,connector=<name>,task=<id>}.
 */
public interface RestoreTaskMetricsMBean {

  long getPlannedObjects();

  long getPlannedBytes();

  long getRestoredObjects();

  long getRestoredBytes();

  /** Records handed to Connect. */
  long getProducedRecords();

  /** Records Kafka acknowledged. */
  long getRestoredRecords();

  /** Records dropped as outside the restore window. */
  long getFilteredRecords();

  /** Objects skipped as unreadable with {@code behavior.on.error=ignore}. */
  long getSkippedObjects();

  /** Times the task restarted by itself after the store was unavailable. */
  long getRestarts();

  long getRemainingObjects();

  /** Remaining objects per partition: {@code topic-0=12,topic-1=0}. */
  String getRemainingObjectsByPartition();

  /** Seconds left at the rate so far, or -1 before there is a rate. */
  long getEtaSeconds();

  /** True once the task planned, and everything planned was produced and acknowledged. */
  boolean isComplete();
}
