package io.timeshard.connect.store;

import io.timeshard.connect.store.file.FileObjectStore;
import io.timeshard.partitioner.listing.ListingPage;
import java.io.IOException;
import java.io.InputStream;
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

  /** Delays every LIST request of the connector's store (not the tasks'), for slow-store tests. */
  public static final String CONNECTOR_LIST_DELAY_MS_CONFIG = "registered.connector.list.delay.ms";

  /** Delays every object the tasks open, so that a restore lasts while a test disturbs it. */
  public static final String TASK_OPEN_DELAY_MS_CONFIG = "registered.task.open.delay.ms";

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
            "Folder")
        .define(
            CONNECTOR_LIST_DELAY_MS_CONFIG,
            ConfigDef.Type.LONG,
            0L,
            ConfigDef.Importance.LOW,
            "Milliseconds added to each LIST request of the connector's store.",
            "Registered store",
            2,
            ConfigDef.Width.SHORT,
            "Connector LIST delay (ms)")
        .define(
            TASK_OPEN_DELAY_MS_CONFIG,
            ConfigDef.Type.LONG,
            0L,
            ConfigDef.Importance.LOW,
            "Milliseconds added to each object the tasks open.",
            "Registered store",
            3,
            ConfigDef.Width.SHORT,
            "Task open delay (ms)");
  }

  @Override
  public boolean accepts(Map<String, String> props) {
    return false;
  }

  @Override
  public ObjectStore create(Map<String, String> props) {
    FileObjectStore folder = new FileObjectStore(Path.of(props.get(ROOT_CONFIG)));
    boolean connector = !props.containsKey("task.count");
    long listDelayMs =
        connector ? Long.parseLong(props.getOrDefault(CONNECTOR_LIST_DELAY_MS_CONFIG, "0")) : 0;
    long openDelayMs =
        connector ? 0 : Long.parseLong(props.getOrDefault(TASK_OPEN_DELAY_MS_CONFIG, "0"));
    if (listDelayMs == 0 && openDelayMs == 0) {
      return folder;
    }
    return new ObjectStore() {
      @Override
      public ListingPage list(String prefix, String delimiter, String pageToken) {
        pause(listDelayMs, "listing '" + prefix + "'");
        return folder.list(prefix, delimiter, pageToken);
      }

      @Override
      public InputStream open(String key) throws IOException {
        pause(openDelayMs, "opening '" + key + "'");
        return folder.open(key);
      }

      @Override
      public String describe() {
        return folder.describe();
      }

      @Override
      public void close() {
        folder.close();
      }
    };
  }

  private static void pause(long millis, String what) {
    if (millis == 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("Interrupted while " + what, e);
    }
  }
}
