package io.timeshard.connect.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.ObjectStoreContract;
import io.timeshard.connect.store.ObjectStoreProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
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

  @Test
  void listsTheFileTimeAsLastModified() throws IOException {
    Path file = root.resolve("mtime").resolve("topics/t/partition=0/t+0+0000000000.json");
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {1});
    Instant modified = Instant.parse("2025-05-16T13:00:00.123Z");
    Files.setLastModifiedTime(file, FileTime.from(modified));

    try (ObjectStore store = provider().create(props("mtime"))) {
      assertThat(store.list("topics/", null, null).objects())
          .singleElement()
          .satisfies(object -> assertThat(object.lastModified()).isEqualTo(modified));
    }
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
