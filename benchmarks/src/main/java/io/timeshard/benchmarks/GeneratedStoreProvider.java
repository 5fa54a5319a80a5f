package io.timeshard.benchmarks;

import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.ObjectStoreProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * {@code store.type=generated}: a {@link GeneratedBackup}, for benchmark D only. LIST requests are
 * counted per component: the connector's store and each task's.
 */
public final class GeneratedStoreProvider implements ObjectStoreProvider {

  public static final String NAME = "generated";
  public static final String HOURS_CONFIG = "generated.hours";
  public static final String PARTITIONS_CONFIG = "generated.partitions";
  public static final String LIST_LATENCY_MS_CONFIG = "generated.list.latency.ms";
  public static final String GET_LATENCY_MS_CONFIG = "generated.get.latency.ms";

  private static final String GROUP = "Generated store (benchmarks)";

  /** LIST requests by component: {@code connector}, {@code task-0}, ... */
  static final Map<String, AtomicLong> LISTS = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ConfigDef configDef() {
    ConfigDef def = new ConfigDef();
    int order = 0;
    for (String key :
        new String[] {
          HOURS_CONFIG, PARTITIONS_CONFIG, LIST_LATENCY_MS_CONFIG, GET_LATENCY_MS_CONFIG
        }) {
      def.define(
          key,
          Type.STRING,
          "0",
          Importance.LOW,
          "Benchmark D's generated backup.",
          GROUP,
          ++order,
          Width.SHORT,
          key);
    }
    return def;
  }

  @Override
  public boolean accepts(Map<String, String> props) {
    return false;
  }

  @Override
  public ObjectStore create(Map<String, String> props) {
    String component =
        props.containsKey("task.count")
            ? "task-" + props.getOrDefault("task.id", "0")
            : "connector";
    return new GeneratedBackup(
        Integer.parseInt(props.get(PARTITIONS_CONFIG)),
        Integer.parseInt(props.get(HOURS_CONFIG)),
        Long.parseLong(props.get(LIST_LATENCY_MS_CONFIG)),
        Long.parseLong(props.get(GET_LATENCY_MS_CONFIG)),
        LISTS.computeIfAbsent(component, c -> new AtomicLong()));
  }
}
