package io.timeshard.connect.store.file;

import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.ObjectStoreProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** A folder on the worker's file system, named by {@code store.url=file:///path}. */
public final class FileStoreProvider implements ObjectStoreProvider {

  public static final String STORE_URL_CONFIG = "store.url";
  private static final String SCHEME = "file";

  @Override
  public String name() {
    return SCHEME;
  }

  @Override
  public ConfigDef configDef() {
    // store.url is shared with S3 (its endpoint) and defined by the connector's own config.
    return new ConfigDef();
  }

  @Override
  public boolean accepts(Map<String, String> props) {
    String url = props.get(STORE_URL_CONFIG);
    return url != null && url.trim().startsWith(SCHEME + ":");
  }

  @Override
  public ObjectStore create(Map<String, String> props) {
    Path root = root(props.get(STORE_URL_CONFIG));
    if (!Files.isDirectory(root)) {
      throw new ConfigException(
          STORE_URL_CONFIG, props.get(STORE_URL_CONFIG), "no such folder: " + root);
    }
    return new FileObjectStore(root);
  }

  static Path root(String url) {
    try {
      URI uri = new URI(url.trim());
      if (!SCHEME.equals(uri.getScheme()) || uri.getPath() == null) {
        throw new ConfigException(STORE_URL_CONFIG, url, "not a file:///absolute/path URL");
      }
      return Path.of(uri);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new ConfigException(
          STORE_URL_CONFIG, url, "not a file:///absolute/path URL: " + e.getMessage());
    }
  }
}
