package io.timeshard.cli.config;

import io.timeshard.connect.RestoreSourceConfig;
import io.timeshard.connect.RestoreSourceConnector;
import io.timeshard.connect.TaskServicesFactory;
import io.timeshard.connect.restore.ObjectDecoder;
import io.timeshard.connect.restore.TaskServices;
import io.timeshard.partitioner.LastModifiedPruning;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.RestorePartitioner;
import io.timeshard.partitioner.RestorePartitioners;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.time.TimeInterval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/**
 * A restore configuration as the connector reads it: validated by the connector's own {@code
 * validate}, then planned with the connector's store, layout and format code and the same request
 * the connector makes, so that what the command shows is what the connector does.
 */
public final class RestoreSetup implements AutoCloseable {

  /** Connect's default for {@code tasks.max}. */
  public static final int DEFAULT_TASKS_MAX = 1;

  private final String name;
  private final Map<String, String> props;
  private final RestoreSourceConfig config;
  private final TaskServices services;
  private final RestorePartitioner partitioner;

  private RestoreSetup(String name, Map<String, String> props) {
    this.name = name;
    this.props = props;
    this.config = new RestoreSourceConfig(props);
    this.services = TaskServicesFactory.create(config);
    this.partitioner = RestorePartitioners.create(config.originalsStrings());
  }

  /** Reads, resolves and validates a configuration file. */
  public static RestoreSetup open(Path file) {
    RestoreConfigFile.Loaded loaded = RestoreConfigFile.read(file);
    return open(loaded.name(), loaded.config(), file.toString());
  }

  /**
   * Resolves and validates a configuration.
   *
   * @throws ConfigFileException with the connector's validation messages, one per invalid key
   */
  public static RestoreSetup open(String name, Map<String, String> raw, String source) {
    Map<String, String> props = ConfigReferences.resolve(raw);
    List<String> problems = validate(props);
    if (!problems.isEmpty()) {
      throw new ConfigFileException(
          "The connector would refuse the configuration in " + source + ":", problems);
    }
    return new RestoreSetup(name, props);
  }

  /** The connector's {@code validate}, as {@code PUT /connector-plugins/.../validate} runs it. */
  static List<String> validate(Map<String, String> props) {
    Config result = new RestoreSourceConnector().validate(props);
    List<String> problems = new ArrayList<>();
    for (ConfigValue value : result.configValues()) {
      for (String message : value.errorMessages()) {
        problems.add(value.name() + ": " + message);
      }
    }
    String tasks = props.get("tasks.max");
    if (tasks != null) {
      try {
        if (Integer.parseInt(tasks.trim()) < 1) {
          problems.add("tasks.max: must be at least 1, was " + tasks);
        }
      } catch (NumberFormatException e) {
        problems.add("tasks.max: not a number: " + tasks);
      }
    }
    return problems;
  }

  public String name() {
    return name;
  }

  public Map<String, String> props() {
    return props;
  }

  public RestoreSourceConfig config() {
    return config;
  }

  public TaskServices services() {
    return services;
  }

  public int tasksMax() {
    String tasks = props.get("tasks.max");
    return tasks == null ? DEFAULT_TASKS_MAX : Integer.parseInt(tasks.trim());
  }

  /** The request {@code RestoreSourceConnector.start} plans with. */
  public PlanRequest request() {
    return config.planRequest(services.valueFormat(), services.store());
  }

  /** Lists the backup as the connector does. */
  public RestorePlan plan() {
    return partitioner.plan(services.store(), request());
  }

  /** Lists the backup without the window: every object of the restored topics. */
  public RestorePlan planWithoutWindow() {
    return partitioner.plan(
        services.store(),
        request().withWindow(TimeInterval.ALL).withLastModifiedPruning(LastModifiedPruning.NONE));
  }

  /** Reads objects as a task does. */
  public ObjectDecoder decoder() {
    return new ObjectDecoder(
        services.store(), services.formats(), services.keyDecoder(), services.headerDecoder());
  }

  public String describeStore() {
    return services.store().describe();
  }

  @Override
  public void close() {
    services.store().close();
  }
}
