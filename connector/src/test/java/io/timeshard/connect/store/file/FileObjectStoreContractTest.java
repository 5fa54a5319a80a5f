package io.timeshard.connect.store.file;

import io.timeshard.connect.store.ObjectStoreContract;
import io.timeshard.connect.store.ObjectStoreProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a local folder. */
class FileObjectStoreContractTest extends ObjectStoreContract {

  @TempDir static Path root;

  @Override
  protected ObjectStoreProvider provider() {
    return new FileStoreProvider();
  }

  @Override
  protected Map<String, String> props(String container) {
    return Map.of(FileStoreProvider.STORE_URL_CONFIG, root.resolve(container).toUri().toString());
  }

  @Override
  protected void createContainer(String container) throws IOException {
    Files.createDirectories(root.resolve(container));
  }

  @Override
  protected void put(String container, String key, byte[] data) throws IOException {
    Path file = root.resolve(container).resolve(key);
    Files.createDirectories(file.getParent());
    Files.write(file, data);
  }

  @Override
  protected String whyNoPaging() {
    return "a local folder lists a whole prefix in one page, by design";
  }

  @Override
  protected Class<? extends Exception> missingContainerFailure() {
    // The folder is named by store.url, so a missing one is a configuration error.
    return ConfigException.class;
  }
}
