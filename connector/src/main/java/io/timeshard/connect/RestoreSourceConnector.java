package io.timeshard.connect;

import io.timeshard.connect.config.ConfigRules;
import io.timeshard.connect.config.LicensedConnectorKeys;
import io.timeshard.connect.config.WorkerVersion;
import io.timeshard.connect.format.FormatConfig;
import io.timeshard.connect.plan.DestinationCheck;
import io.timeshard.connect.plan.FirstPlan;
import io.timeshard.connect.plan.PlanHandoff;
import io.timeshard.connect.restore.RestorePosition;
import io.timeshard.connect.restore.TaskServices;
import io.timeshard.connect.store.ObjectStores;
import io.timeshard.partitioner.PartitionerConfig;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.RestorePartitioners;
import io.timeshard.partitioner.split.TaskShare;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores Kafka topics from the backups the storage sink connectors write, one ordered stream per
 * Kafka partition, the streams spread over the tasks.
 *
 * <p>A user's existing restore configuration works with only {@code connector.class} changed: the
 * sinks' layout, format and store keys keep their names and meanings.
 */
public class RestoreSourceConnector extends SourceConnector {

  private static final Logger log = LoggerFactory.getLogger(RestoreSourceConnector.class);

  private final Function<RestoreSourceConfig, TaskServices> servicesFactory;

  private Map<String, String> props;
  private RestoreSourceConfig config;

  private String name;

  private TaskServices services;
  private FirstPlan firstPlan;
  private PlanHandoff.Offer offer;

  public RestoreSourceConnector() {
    this(TaskServicesFactory::create);
  }

  /** For tests: plans through the given store. */
  public RestoreSourceConnector(Function<RestoreSourceConfig, TaskServices> servicesFactory) {
    this.servicesFactory = servicesFactory;
  }

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    this.props = Map.copyOf(props);
    this.name = props.getOrDefault("name", "restore");
    this.config = new RestoreSourceConfig(props);
    if (!config.licenceKeysPresent().isEmpty()) {
      log.info(
          "Ignoring {}: Timeshard needs no licence or licence topic", config.licenceKeysPresent());
    }
    Set<String> unused =
        LicensedConnectorKeys.presentIn(props, RestoreSourceConfig.CONFIG_DEF.names());
    if (!unused.isEmpty()) {
      log.info("Ignoring {}: keys of the licensed connectors that Timeshard does not use", unused);
    }
    this.services = servicesFactory.apply(config);
    PlanRequest request = config.planRequest(services.valueFormat(), services.store());
    PlanHandoff.Offer planned = PlanHandoff.planning(name, this.props);
    this.offer = planned;
    firstPlan =
        new FirstPlan(
            name,
            services.store(),
            RestorePartitioners.create(config.originalsStrings()),
            request,
            config.pollInterval(),
            config.storeUnavailableTimeout(),
            plan -> {
              try {
                DestinationCheck.of(config, this.props).ifPresent(check -> check.check(plan));
              } catch (RuntimeException e) {
                planned.fail(e);
                throw e;
              }
              planned.offer(plan);
            },
            planned::withdraw,
            failure -> context.raiseError(asConnectException(failure)));
    firstPlan.start();
  }

  private static RuntimeException asConnectException(Throwable failure) {
    return failure instanceof RuntimeException runtime
        ? runtime
        : new ConnectException(failure.getMessage(), failure);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return RestoreSourceTask.class;
  }

  /**
   * Exactly {@code maxTasks} task configurations, each the connector's configuration with the
   * task's index and the task count: a function of the configuration alone. Any start of the
   * connector, in any worker, answers at once and with the configurations Connect already stores
   * for this configuration, so that no running task is stopped (in an exactly-once worker, a new
   * set of task configurations would keep the running tasks from starting again). Each task finds
   * its own partition streams in the backup, and new ones as they appear (see {@link TaskShare}); a
   * task with none runs idle and watches for them.
   */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    offer.expect(maxTasks);
    List<Map<String, String>> configs = new ArrayList<>(maxTasks);
    for (int task = 0; task < maxTasks; task++) {
      Map<String, String> taskConfig = new HashMap<>(props);
      taskConfig.put(RestoreSourceTaskConfig.TASK_ID_CONFIG, String.valueOf(task));
      taskConfig.put(RestoreSourceTaskConfig.TASK_COUNT_CONFIG, String.valueOf(maxTasks));
      configs.add(taskConfig);
    }
    log.info(
        "Assigned {} tasks (tasks.max); each restores the partition streams its index is given",
        maxTasks);
    return configs;
  }

  /** Whether the connector's plan landed and passed its checks: for tests. */
  boolean isPlanned() {
    return firstPlan != null && firstPlan.isPlanned();
  }

  @Override
  public void stop() {
    if (firstPlan != null) {
      firstPlan.close();
    }
    if (offer != null) {
      offer.withdraw();
    }
    if (services != null) {
      services.store().close();
    }
  }

  @Override
  public ConfigDef config() {
    return RestoreSourceConfig.CONFIG_DEF;
  }

  /**
   * Adds the rules that span keys to the per-key checks, so that {@code /validate} shows every
   * mistake before anything is produced, each on the key to change. Rules read the configuration
   * without the keys already in error, so one mistake does not hide the others.
   */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config result = super.validate(connectorConfigs);
    Map<String, ConfigValue> values = new LinkedHashMap<>();
    for (ConfigValue value : result.configValues()) {
      values.put(value.name(), value);
    }
    Set<String> wrong = new HashSet<>();
    for (ConfigValue value : values.values()) {
      if (!value.errorMessages().isEmpty()) {
        wrong.add(value.name());
      }
    }
    Map<String, String> props = ConfigRules.without(connectorConfigs, wrong);
    List<ConfigRules.Problem> problems = new ArrayList<>();
    problems.addAll(
        ConfigRules.unknownKeys(connectorConfigs.keySet(), RestoreSourceConfig.CONFIG_DEF.names()));
    problems.addAll(
        ConfigRules.removedReplaceFieldKeys(connectorConfigs, WorkerVersion.current(), log::warn));
    problems.addAll(ConfigRules.topicCreation(connectorConfigs));
    // A store key already in error would only make the store look unconfigured.
    if (wrong.stream().noneMatch(ConfigRules::isStoreKey)) {
      check(
          problems, () -> ObjectStores.select(props).check(props), ObjectStores.STORE_TYPE_CONFIG);
    }
    check(
        problems,
        () -> {
          RestoreSourceConfig parsed = new RestoreSourceConfig(props);
          RestorePartitioners.create(parsed.originalsStrings());
          new FormatConfig(parsed.originals()).format();
        },
        PartitionerConfig.PARTITIONER_CLASS_CONFIG);
    for (ConfigRules.Problem problem : problems) {
      ConfigValue value = values.get(problem.key());
      if (value == null) {
        value =
            new ConfigValue(
                problem.key(), connectorConfigs.get(problem.key()), List.of(), new ArrayList<>());
        values.put(problem.key(), value);
        result.configValues().add(value);
      }
      value.addErrorMessage(problem.message());
    }
    return result;
  }

  /** Runs a check that throws, turning its {@link ConfigException} into a problem on its key. */
  private static void check(List<ConfigRules.Problem> problems, Runnable check, String fallback) {
    try {
      check.run();
    } catch (ConfigException e) {
      String key = ConfigRules.keyOf(e, RestoreSourceConfig.CONFIG_DEF.names(), fallback);
      problems.add(new ConfigRules.Problem(key, e.getMessage()));
    }
  }

  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    // Offsets name the object and record index of the last record produced, and are committed in
    // the records' transaction: a restarted task resumes exactly after them.
    return ExactlyOnceSupport.SUPPORTED;
  }

  /**
   * Lets an operator reset a partition stream (a {@code null} offset: restore it from the start) or
   * move it (an offset naming an object key, its start offset and the index of the last record to
   * count as restored).
   */
  @Override
  public boolean alterOffsets(
      Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
    for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
      try {
        RestorePosition.topicPartition(entry.getKey());
        RestorePosition.fromSourceOffset(entry.getValue());
      } catch (RuntimeException e) {
        throw new ConnectException(
            "Cannot alter offsets: "
                + e.getMessage()
                + ". A source partition is {\"topic\": <string>, \"partition\": <int>}; an offset"
                + " is {\"object\": <key>, \"start\": <start offset>, \"record\": <index>,"
                + " \"eof\": <boolean>}, or null to restore the partition from the start.",
            e);
      }
    }
    return true;
  }
}
