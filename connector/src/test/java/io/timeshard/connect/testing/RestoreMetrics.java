package io.timeshard.connect.testing;

import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.test.TestUtils;

/**
 * Reads the restore tasks' JMX beans of an embedded worker (same JVM), to know when a restore has
 * handled everything it planned: only then can a test say that no record is missing or extra.
 */
public final class RestoreMetrics {

  private RestoreMetrics() {}

  /**
   * Waits until the tasks of {@code connector} planned {@code objects} objects in all and report
   * their restore complete: every object read, every record produced and acknowledged (or dropped
   * by a transform).
   */
  public static void awaitComplete(String connector, long objects, long timeoutMs)
      throws InterruptedException {
    TestUtils.waitForCondition(
        () -> plannedObjects(connector) == objects && complete(connector),
        timeoutMs,
        () ->
            "the restore of "
                + connector
                + " did not complete: planned "
                + plannedObjects(connector)
                + " of "
                + objects
                + " objects, "
                + restoredRecords(connector)
                + " records restored");
  }

  public static long plannedObjects(String connector) {
    return sum(connector, "PlannedObjects");
  }

  public static long restoredRecords(String connector) {
    return sum(connector, "RestoredRecords");
  }

  private static boolean complete(String connector) throws JMException {
    Set<ObjectName> tasks = tasks(connector);
    if (tasks.isEmpty()) {
      return false;
    }
    for (ObjectName task : tasks) {
      if (!(Boolean) server().getAttribute(task, "Complete")) {
        return false;
      }
    }
    return true;
  }

  private static long sum(String connector, String attribute) {
    long sum = 0;
    try {
      for (ObjectName task : tasks(connector)) {
        sum += (Long) server().getAttribute(task, attribute);
      }
    } catch (JMException e) {
      // A task stopped between the query and the read: no total yet.
      return -1;
    }
    return sum;
  }

  private static Set<ObjectName> tasks(String connector) {
    try {
      return server()
          .queryNames(
              new ObjectName(
                  "io.timeshard:type=restore-task,connector=" + ObjectName.quote(connector) + ",*"),
              null);
    } catch (JMException e) {
      throw new IllegalArgumentException("Not a connector name for JMX: " + connector, e);
    }
  }

  private static MBeanServer server() {
    return ManagementFactory.getPlatformMBeanServer();
  }
}
