package io.timeshard.connect.store;

import io.timeshard.connect.store.file.FileObjectStore;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/**
 * A store registered as a service rather than built in: a local folder under the name {@code
 * registered}, chosen only by {@code store.type}.
 */
public final class RegisteredStoreProvider implements ObjectStoreProvider {

  public static final String NAME = "registered";
  public static final String ROOT_CONFIG = "registered.root";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ConfigDef configDef() {
    return new ConfigDef()
        .define(
            ROOT_CONFIG,
            ConfigDef.Type.STRING,
            null,
            ConfigDef.Importance.LOW,
            "The folder.",
            "Registered store",
            1,
            ConfigDef.Width.LONG,
            "Folder");
  }

  @Override
  public boolean accepts(Map<String, String> props) {
    return false;
  }

  @Override
  public ObjectStore create(Map<String, String> props) {
    return new FileObjectStore(Path.of(props.get(ROOT_CONFIG)));
  }
}
