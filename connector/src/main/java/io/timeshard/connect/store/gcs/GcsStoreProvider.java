package io.timeshard.connect.store.gcs;

import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.http.HttpTransportOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.timeshard.connect.store.FirstRequest;
import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.ObjectStoreProvider;
import io.timeshard.connect.store.RetryPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google Cloud Storage, selected by {@code gcs.bucket.name}. A provider made with {@link
 * #GcsStoreProvider(Storage)} uses the given client (an in-memory one in tests) instead of building
 * one from the credentials keys.
 */
public final class GcsStoreProvider implements ObjectStoreProvider {

  private static final Logger log = LoggerFactory.getLogger(GcsStoreProvider.class);

  public static final String NAME = "gcs";

  private static final String EMULATOR_PROJECT = "emulator";

  private final Storage injected;

  public GcsStoreProvider() {
    this(null);
  }

  /**
   * @param storage the client every store of this provider uses, or {@code null} to build one from
   *     the configuration; an injected client is not closed by the stores
   */
  public GcsStoreProvider(Storage storage) {
    this.injected = storage;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ConfigDef configDef() {
    return GcsConfig.CONFIG_DEF;
  }

  @Override
  public boolean accepts(Map<String, String> props) {
    String bucket = props.get(GcsConfig.BUCKET_NAME_CONFIG);
    return bucket != null && !bucket.isBlank();
  }

  @Override
  public void check(Map<String, String> props) {
    GcsConfig config = new GcsConfig(props);
    config.bucketName();
    config.validateCredentials();
    String path = config.credentialsPath();
    if (path != null && !Files.isReadable(Path.of(path))) {
      throw new ConfigException(
          GcsConfig.CREDENTIALS_PATH_CONFIG,
          path,
          "no readable file there on this worker: write the path of the service account's JSON"
              + " key file, or set gcs.credentials.json instead");
    }
    Password json = config.credentialsJson();
    if (json != null && !json.value().trim().startsWith("{")) {
      throw new ConfigException(
          GcsConfig.CREDENTIALS_JSON_CONFIG
              + " is not a JSON object: paste the whole service account key file");
    }
  }

  @Override
  public ObjectStore create(Map<String, String> props) {
    GcsConfig config = new GcsConfig(props);
    config.validateCredentials();
    long start = System.nanoTime();
    GcsObjectStore store =
        injected != null
            ? new GcsObjectStore(injected, config.bucketName(), false)
            : new GcsObjectStore(storage(config), config.bucketName(), true);
    try {
      FirstRequest.send(store, store::probe);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    log.info(
        "Opened {} with {} in {} ms",
        store.describe(),
        credentialsLabel(config),
        (System.nanoTime() - start) / 1_000_000);
    return store;
  }

  private String credentialsLabel(GcsConfig config) {
    if (injected != null) {
      return "a client given by the caller";
    }
    if (config.credentialsPath() != null) {
      return "the credentials file " + config.credentialsPath();
    }
    return config.credentialsJson() != null
        ? "the credentials in " + GcsConfig.CREDENTIALS_JSON_CONFIG
        : "the application default credentials";
  }

  /** A client over HTTP with the configured credentials, endpoint, retries and timeouts. */
  public static Storage storage(GcsConfig config) {
    RetryPolicy retry = config.retryPolicy();
    int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, retry.requestTimeout().toMillis());
    StorageOptions.Builder builder =
        StorageOptions.http()
            .setRetrySettings(
                RetrySettings.newBuilder()
                    .setMaxAttempts(retry.maxAttempts())
                    .setInitialRetryDelayDuration(retry.backoff())
                    .setRetryDelayMultiplier(2.0)
                    .setMaxRetryDelayDuration(retry.maxBackoff())
                    .setInitialRpcTimeoutDuration(retry.requestTimeout())
                    .setRpcTimeoutMultiplier(1.0)
                    .setMaxRpcTimeoutDuration(retry.requestTimeout())
                    .setTotalTimeoutDuration(
                        retry
                            .requestTimeout()
                            .plus(retry.maxBackoff())
                            .multipliedBy(retry.maxAttempts()))
                    .build())
            .setTransportOptions(
                HttpTransportOptions.newBuilder()
                    .setConnectTimeout(timeoutMillis)
                    .setReadTimeout(timeoutMillis)
                    .build());
    String endpoint = config.endpoint();
    if (endpoint != null) {
      builder.setHost(endpoint);
    }
    Credentials credentials = credentials(config);
    if (credentials != null) {
      builder.setCredentials(credentials);
    }
    if (credentials == NoCredentials.getInstance()) {
      // An emulator: reading needs no project, and naming one keeps the client from looking for
      // a default project in the environment (which can mean asking a metadata server).
      builder.setProjectId(EMULATOR_PROJECT);
    }
    return builder.build().getService();
  }

  /** The configured credentials, or {@code null} for the application default credentials. */
  private static Credentials credentials(GcsConfig config) {
    String path = config.credentialsPath();
    if (path != null) {
      try (InputStream in = Files.newInputStream(Path.of(path))) {
        return GoogleCredentials.fromStream(in);
      } catch (IOException | RuntimeException e) {
        throw new ConfigException(
            GcsConfig.CREDENTIALS_PATH_CONFIG,
            path,
            "cannot read credentials from this file: " + e.getClass().getSimpleName());
      }
    }
    if (config.credentialsJson() != null) {
      byte[] json = config.credentialsJson().value().getBytes(StandardCharsets.UTF_8);
      try (InputStream in = new ByteArrayInputStream(json)) {
        return GoogleCredentials.fromStream(in);
      } catch (IOException | RuntimeException e) {
        // Neither the value nor the parser's message: either may quote the key.
        throw new ConfigException(
            GcsConfig.CREDENTIALS_JSON_CONFIG
                + " does not hold usable credentials ("
                + e.getClass().getSimpleName()
                + ")");
      }
    }
    String endpoint = config.endpoint();
    if (endpoint != null && endpoint.startsWith("http://")) {
      return NoCredentials.getInstance();
    }
    return null;
  }
}
