package io.timeshard.partitioner;

import io.timeshard.partitioner.layout.DailyRestorePartitioner;
import io.timeshard.partitioner.layout.DefaultRestorePartitioner;
import io.timeshard.partitioner.layout.FieldRestorePartitioner;
import io.timeshard.partitioner.layout.HourlyRestorePartitioner;
import io.timeshard.partitioner.layout.TimeBasedRestorePartitioner;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** Creates the restore partitioner that {@code partitioner.class} names. */
public final class RestorePartitioners {

  private static final String SINK_PACKAGE = "io.confluent.connect.storage.partitioner.";

  /** The sinks' partitioner names, read as ours, so users keep their configuration. */
  public static final Map<String, Class<? extends RestorePartitioner>> SINK_ALIASES =
      Map.of(
          SINK_PACKAGE + "DefaultPartitioner", DefaultRestorePartitioner.class,
          SINK_PACKAGE + "FieldPartitioner", FieldRestorePartitioner.class,
          SINK_PACKAGE + "TimeBasedPartitioner", TimeBasedRestorePartitioner.class,
          SINK_PACKAGE + "HourlyPartitioner", HourlyRestorePartitioner.class,
          SINK_PACKAGE + "DailyPartitioner", DailyRestorePartitioner.class);

  private RestorePartitioners() {}

  /**
   * Resolves {@code partitioner.class}: a sink alias, or a class visible to the plugin's class
   * loader (ours, or a user's jar dropped into the plugin folder).
   *
   * @throws ConfigException naming {@code partitioner.class} when the class is missing or not a
   *     {@link RestorePartitioner}
   */
  public static Class<? extends RestorePartitioner> resolve(String className) {
    Class<? extends RestorePartitioner> alias = SINK_ALIASES.get(className.trim());
    if (alias != null) {
      return alias;
    }
    Class<?> found;
    try {
      found = Class.forName(className.trim(), false, RestorePartitioner.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigException(
          PartitionerConfig.PARTITIONER_CLASS_CONFIG,
          className,
          "no such class on the plugin's class path; use one of "
              + SINK_ALIASES.keySet()
              + ", a Timeshard partitioner, or put the jar holding it into the plugin folder");
    }
    if (!RestorePartitioner.class.isAssignableFrom(found)) {
      throw new ConfigException(
          PartitionerConfig.PARTITIONER_CLASS_CONFIG,
          className,
          "does not implement " + RestorePartitioner.class.getName());
    }
    return found.asSubclass(RestorePartitioner.class);
  }

  /** Creates and configures the partitioner that {@code configs} name. */
  public static RestorePartitioner create(Map<String, ?> configs) {
    PartitionerConfig config = new PartitionerConfig(configs);
    Class<? extends RestorePartitioner> type = resolve(config.partitionerClass());
    RestorePartitioner partitioner;
    try {
      partitioner = type.getDeclaredConstructor().newInstance();
    } catch (InstantiationException
        | IllegalAccessException
        | InvocationTargetException
        | NoSuchMethodException e) {
      throw new ConfigException(
          PartitionerConfig.PARTITIONER_CLASS_CONFIG,
          config.partitionerClass(),
          "cannot be created with a public no-argument constructor: " + e);
    }
    partitioner.configure(configs);
    return partitioner;
  }
}
