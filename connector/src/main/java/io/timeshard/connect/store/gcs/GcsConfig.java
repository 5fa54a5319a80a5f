package io.timeshard.connect.store.gcs;

import io.timeshard.connect.store.HttpUrlValidator;
import io.timeshard.connect.store.RetryPolicy;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The Google Cloud Storage keys, named as in the GCS sink configurations users already have: {@code
 * gcs.bucket.name}, {@code gcs.credentials.path} or {@code gcs.credentials.json}; plus an endpoint
 * override and the retry knobs.
 */
public final class GcsConfig extends AbstractConfig {

  public static final String GROUP = "Google Cloud Storage";
  public static final String PREFIX = "gcs";

  public static final String BUCKET_NAME_CONFIG = "gcs.bucket.name";
  private static final String BUCKET_NAME_DOC =
      "The bucket that holds the backup. Setting it selects Google Cloud Storage.";
  private static final String BUCKET_NAME_DISPLAY = "Bucket name";

  public static final String CREDENTIALS_PATH_CONFIG = "gcs.credentials.path";
  private static final String CREDENTIALS_PATH_DOC =
      "The path of a credentials file (a service account key) on the worker. Without it and"
          + " gcs.credentials.json, the application default credentials are used.";
  private static final String CREDENTIALS_PATH_DISPLAY = "Credentials file";

  public static final String CREDENTIALS_JSON_CONFIG = "gcs.credentials.json";
  private static final String CREDENTIALS_JSON_DOC =
      "The content of a credentials file (a service account key), instead of"
          + " gcs.credentials.path.";
  private static final String CREDENTIALS_JSON_DISPLAY = "Credentials JSON";

  public static final String ENDPOINT_CONFIG = "gcs.endpoint";
  private static final String ENDPOINT_DOC =
      "The storage endpoint, for private endpoints and emulators, e.g."
          + " https://storage.googleapis.com (the default). An http:// endpoint is taken for an"
          + " emulator: without configured credentials, requests are then sent unauthenticated.";
  private static final String ENDPOINT_DISPLAY = "Endpoint";

  public static final ConfigDef CONFIG_DEF = configDef();

  public GcsConfig(Map<String, String> props) {
    super(CONFIG_DEF, props, false);
  }

  private static ConfigDef configDef() {
    ConfigDef def = new ConfigDef();
    int order = 0;
    def.define(
        BUCKET_NAME_CONFIG,
        Type.STRING,
        null,
        new NonEmptyString(),
        Importance.HIGH,
        BUCKET_NAME_DOC,
        GROUP,
        ++order,
        Width.MEDIUM,
        BUCKET_NAME_DISPLAY);
    def.define(
        CREDENTIALS_PATH_CONFIG,
        Type.STRING,
        null,
        Importance.HIGH,
        CREDENTIALS_PATH_DOC,
        GROUP,
        ++order,
        Width.LONG,
        CREDENTIALS_PATH_DISPLAY);
    def.define(
        CREDENTIALS_JSON_CONFIG,
        Type.PASSWORD,
        null,
        Importance.HIGH,
        CREDENTIALS_JSON_DOC,
        GROUP,
        ++order,
        Width.LONG,
        CREDENTIALS_JSON_DISPLAY);
    def.define(
        ENDPOINT_CONFIG,
        Type.STRING,
        null,
        new HttpUrlValidator(),
        Importance.LOW,
        ENDPOINT_DOC,
        GROUP,
        ++order,
        Width.LONG,
        ENDPOINT_DISPLAY);
    RetryPolicy.define(def, PREFIX, GROUP, ++order, GROUP);
    return def;
  }

  public String bucketName() {
    String name = getString(BUCKET_NAME_CONFIG);
    if (name == null) {
      throw new ConfigException(BUCKET_NAME_CONFIG, null, "name the bucket that holds the backup");
    }
    return name.trim();
  }

  /** The credentials file, or {@code null}. */
  public String credentialsPath() {
    String path = getString(CREDENTIALS_PATH_CONFIG);
    return path == null || path.isBlank() ? null : path.trim();
  }

  /** The credentials JSON, or {@code null}. */
  public Password credentialsJson() {
    Password json = getPassword(CREDENTIALS_JSON_CONFIG);
    return json == null || json.value().isBlank() ? null : json;
  }

  /** The endpoint override without a trailing slash, or {@code null}. */
  public String endpoint() {
    String endpoint = getString(ENDPOINT_CONFIG);
    if (endpoint == null || endpoint.isBlank()) {
      return null;
    }
    endpoint = endpoint.trim();
    return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
  }

  public RetryPolicy retryPolicy() {
    return RetryPolicy.from(this, PREFIX);
  }

  /** Fails when both kinds of credentials are set. */
  void validateCredentials() {
    if (credentialsPath() != null && credentialsJson() != null) {
      throw new ConfigException(
          "Set only one of " + CREDENTIALS_PATH_CONFIG + " and " + CREDENTIALS_JSON_CONFIG);
    }
  }
}
