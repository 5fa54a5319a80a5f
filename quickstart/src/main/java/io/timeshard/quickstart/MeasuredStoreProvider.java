package io.timeshard.quickstart;

import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.ObjectStoreProvider;
import io.timeshard.connect.store.ObjectStores;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * {@code store.type=measured}: another store (file, azblob, ...) behind a {@link
 * MeasuredObjectStore}, for the quickstart and the benchmarks (not part of the plugin). Registered
 * as a service, which the connector finds next to its own stores.
 */
public final class MeasuredStoreProvider implements ObjectStoreProvider {

  public static final String NAME = "measured";

  public static final String INNER_TYPE_CONFIG = "measured.store.type";
  public static final String LATENCY_MS_CONFIG = "measured.latency.ms";
  public static final String CALLS_CONFIG = "measured.calls";

  private static final String GROUP = "Measured store (quickstart and benchmarks)";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ConfigDef configDef() {
    return new ConfigDef()
        .define(
            INNER_TYPE_CONFIG,
            Type.STRING,
            "file",
            Importance.LOW,
            "The store type behind the measured store.",
            GROUP,
            1,
            Width.SHORT,
            "Store behind")
        .define(
            LATENCY_MS_CONFIG,
            Type.LONG,
            0L,
            ConfigDef.Range.atLeast(0),
            Importance.LOW,
            "Milliseconds each LIST and GET waits before it is sent.",
            GROUP,
            2,
            Width.SHORT,
            "Latency (ms)")
        .define(
            CALLS_CONFIG,
            Type.STRING,
            "default",
            Importance.LOW,
            "The name the calls are counted under.",
            GROUP,
            3,
            Width.SHORT,
            "Counter name");
  }

  @Override
  public boolean accepts(Map<String, String> props) {
    return false;
  }

  @Override
  public ObjectStore create(Map<String, String> props) {
    Map<String, String> inner = new HashMap<>(props);
    inner.put(ObjectStores.STORE_TYPE_CONFIG, props.getOrDefault(INNER_TYPE_CONFIG, "file"));
    return new MeasuredObjectStore(
        ObjectStores.open(inner),
        Long.parseLong(props.getOrDefault(LATENCY_MS_CONFIG, "0")),
        StoreCalls.named(props.getOrDefault(CALLS_CONFIG, "default")));
  }

  /** The connector keys that put {@code storeConfig}'s store behind a measured store. */
  public static Map<String, String> around(
      Map<String, String> storeConfig, String innerType, long latencyMs, String calls) {
    Map<String, String> config = new HashMap<>(storeConfig);
    config.put(ObjectStores.STORE_TYPE_CONFIG, NAME);
    config.put(INNER_TYPE_CONFIG, innerType);
    config.put(LATENCY_MS_CONFIG, Long.toString(latencyMs));
    config.put(CALLS_CONFIG, calls);
    return config;
  }
}
