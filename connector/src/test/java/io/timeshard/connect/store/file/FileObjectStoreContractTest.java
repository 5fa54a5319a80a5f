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

  @Test
  void listsWhatALinkPointsToAndKeysWithSlashes() throws IOException {
    Path container = root.resolve("links");
    Path target = root.resolve("elsewhere");
    Files.createDirectories(target.resolve("partition=1"));
    Files.write(target.resolve("t+0+0000000000.json"), new byte[] {1, 2, 3});
    Files.write(target.resolve("partition=1/t+1+0000000000.json"), new byte[] {1});
    Path folder = container.resolve("topics/t/partition=0");
    Files.createDirectories(folder);
    Files.write(folder.resolve("t+0+0000000001.json"), new byte[] {1});
    Files.createSymbolicLink(
        folder.resolve("t+0+0000000000.json"), target.resolve("t+0+0000000000.json"));
    Files.createSymbolicLink(
        container.resolve("topics/t/partition=1"), target.resolve("partition=1"));

    try (ObjectStore store = provider().create(props("links"))) {
      // A linked file is listed with its target's size, in the deep walk and one level down.
      assertThat(store.list("topics/", null, null).objects())
          .extracting(o -> o.key() + ":" + o.size())
          .containsExactlyInAnyOrder(
              "topics/t/partition=0/t+0+0000000000.json:3",
              "topics/t/partition=0/t+0+0000000001.json:1");
      assertThat(store.list("topics/t/partition=0/", "/", null).objects())
          .extracting(o -> o.key() + ":" + o.size())
          .containsExactly(
              "topics/t/partition=0/t+0+0000000000.json:3",
              "topics/t/partition=0/t+0+0000000001.json:1");
      // A linked folder is a folder one level down.
      assertThat(store.list("topics/t/", "/", null).commonPrefixes())
          .containsExactly("topics/t/partition=0/", "topics/t/partition=1/");
      assertThat(store.list("topics/t/partition=1/", "/", null).objects())
          .extracting(o -> o.key())
          .containsExactly("topics/t/partition=1/t+1+0000000000.json");
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
