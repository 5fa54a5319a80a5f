package io.timeshard.connect.store;

import io.timeshard.connect.store.azure.AzureBlobStoreProvider;
import io.timeshard.connect.store.file.FileStoreProvider;
import io.timeshard.connect.store.gcs.GcsStoreProvider;
import io.timeshard.connect.store.s3.S3StoreProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The stores the connector can read, and the choice among them. A new store is one provider class
 * in its own package plus one line in {@link #PROVIDERS}.
 *
 * <p>Providers outside the connector (a store wrapper that a benchmark or a test brings, say) are
 * found with {@link ServiceLoader}: list the class in {@code
 * META-INF/services/io.timeshard.connect.store.ObjectStoreProvider} on the connector's class path
 * or in its plugin folder. They come after the built-in stores; one whose name is taken is ignored.
 */
public final class ObjectStores {

  public static final String STORE_TYPE_CONFIG = "store.type";
  public static final String STORE_TYPE_AUTO = "auto";
  public static final String STORE_URL_CONFIG = "store.url";

  /** What {@link #masked} shows instead of a secret, as Kafka's {@code Password} does. */
  public static final String HIDDEN = "[hidden]";

  /**
   * The most reads a worker has in flight to one store endpoint, defined with the connector's keys:
   * a store whose client keeps a connection pool sizes it by this.
   */
  public static final String FETCH_WORKER_CONCURRENCY_CONFIG = "restore.fetch.worker.concurrency";

  public static final int FETCH_WORKER_CONCURRENCY_DEFAULT = 256;

  /** {@link #FETCH_WORKER_CONCURRENCY_CONFIG} of a configuration, or its default. */
  public static int workerReads(Map<String, String> props) {
    String value = props.get(FETCH_WORKER_CONCURRENCY_CONFIG);
    try {
      return value == null ? FETCH_WORKER_CONCURRENCY_DEFAULT : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return FETCH_WORKER_CONCURRENCY_DEFAULT;
    }
  }

  /** Every store, in the order {@code auto} tries them. */
  private static final List<ObjectStoreProvider> PROVIDERS =
      withRegistered(
          List.of(
              new FileStoreProvider(),
              new AzureBlobStoreProvider(),
              new GcsStoreProvider(),
              new S3StoreProvider()));

  private ObjectStores() {}

  /** The built-in providers followed by those registered as services, names unique. */
  static List<ObjectStoreProvider> withRegistered(List<ObjectStoreProvider> builtIn) {
    List<ObjectStoreProvider> all = new ArrayList<>(builtIn);
    Set<String> names = new TreeSet<>();
    builtIn.forEach(provider -> names.add(provider.name()));
    for (ObjectStoreProvider provider :
        ServiceLoader.load(ObjectStoreProvider.class, ObjectStores.class.getClassLoader())) {
      if (names.add(provider.name())) {
        all.add(provider);
      }
    }
    return List.copyOf(all);
  }

  public static List<ObjectStoreProvider> providers() {
    return PROVIDERS;
  }

  public static List<String> names() {
    return PROVIDERS.stream().map(ObjectStoreProvider::name).toList();
  }

  /**
   * The keys of every store that hold secrets (account keys, SAS tokens, connection strings, secret
   * access keys, credentials JSON): all of them {@code Type.PASSWORD}.
   *
   * <p>Tasks need these values to reach the store. Pass them to the tasks unchanged and under the
   * same keys: the worker then stores a task configuration with the connector's config-provider
   * reference ({@code ${file:...}}) in place of a value it resolved from one.
   */
  public static Set<String> secretKeys() {
    Set<String> keys = new TreeSet<>();
    for (ObjectStoreProvider provider : PROVIDERS) {
      for (ConfigDef.ConfigKey key : provider.configDef().configKeys().values()) {
        if (key.type == ConfigDef.Type.PASSWORD) {
          keys.add(key.name);
        }
      }
    }
    return keys;
  }

  /** A copy of {@code props} with the value of every {@link #secretKeys() secret} hidden. */
  public static Map<String, String> masked(Map<String, String> props) {
    Set<String> secrets = secretKeys();
    Map<String, String> copy = new LinkedHashMap<>();
    props.forEach((k, v) -> copy.put(k, secrets.contains(k) && v != null ? HIDDEN : v));
    return copy;
  }

  /** Adds every store's keys to the connector's definition. */
  public static ConfigDef addTo(ConfigDef def) {
    for (ObjectStoreProvider provider : PROVIDERS) {
      for (ConfigDef.ConfigKey key : provider.configDef().configKeys().values()) {
        if (!def.configKeys().containsKey(key.name)) {
          def.define(key);
        }
      }
    }
    return def;
  }

  /**
   * The provider for these properties: the one {@code store.type} names, or with {@code auto} the
   * only one that accepts them.
   */
  public static ObjectStoreProvider select(Map<String, String> props) {
    String type = props.getOrDefault(STORE_TYPE_CONFIG, STORE_TYPE_AUTO).trim();
    if (!STORE_TYPE_AUTO.equals(type)) {
      return PROVIDERS.stream()
          .filter(p -> p.name().equals(type))
          .findFirst()
          .orElseThrow(
              () ->
                  new ConfigException(
                      STORE_TYPE_CONFIG, type, "use " + STORE_TYPE_AUTO + " or one of " + names()));
    }
    List<ObjectStoreProvider> accepting = new ArrayList<>();
    for (ObjectStoreProvider provider : PROVIDERS) {
      if (provider.accepts(props)) {
        accepting.add(provider);
      }
    }
    if (accepting.size() == 1) {
      return accepting.get(0);
    }
    if (accepting.isEmpty()) {
      String url = props.get(STORE_URL_CONFIG);
      if (url != null && !url.isBlank()) {
        throw unreadableUrl(url.trim());
      }
      throw new ConfigException(
          STORE_TYPE_CONFIG,
          type,
          "no store is configured: set store.url=file:///path for a local folder,"
              + " azblob.container.name, gcs.bucket.name or s3.bucket.name");
    }
    throw new ConfigException(
        STORE_TYPE_CONFIG,
        type,
        "the configuration fits several stores ("
            + accepting.stream().map(ObjectStoreProvider::name).collect(Collectors.joining(", "))
            + "); set store.type to one of them");
  }

  /**
   * The retry policy of the store these properties select ({@code <store>.retry.*}), the one its
   * client retries requests with; the defaults for a store without those keys.
   */
  public static RetryPolicy retryPolicy(Map<String, String> props) {
    ObjectStoreProvider provider = select(props);
    ConfigDef def = provider.configDef();
    if (!def.names().contains(provider.name() + RetryPolicy.RETRIES_SUFFIX)) {
      return RetryPolicy.defaults();
    }
    return RetryPolicy.from(new AbstractConfig(def, props, false), provider.name());
  }

  /** A {@code store.url} that no store reads (ftp://, say); the URL itself is not repeated. */
  private static ConfigException unreadableUrl(String url) {
    int colon = url.indexOf(':');
    String scheme = colon < 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
    return new ConfigException(
        STORE_URL_CONFIG
            + (scheme.isEmpty() ? " has no scheme" : " has the scheme '" + scheme + "'")
            + ", which no store reads: write file:///absolute/path for a local folder, or an"
            + " http(s)://host:port S3 endpoint with s3.bucket.name; for Azure Blob Storage and"
            + " GCS leave store.url out and set azblob.container.name or gcs.bucket.name");
  }

  public static ObjectStore open(Map<String, String> props) {
    return select(props).create(props);
  }
}
