package io.timeshard.connect.store.azure;

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
 * The Azure Blob Storage keys, named as in the Azure Blob Storage sink configurations users already
 * have: {@code azblob.account.name}, {@code azblob.account.key} or {@code azblob.sas.token}, {@code
 * azblob.container.name}; plus a connection string, an endpoint override and the retry knobs.
 */
public final class AzureBlobConfig extends AbstractConfig {

  public static final String GROUP = "Azure Blob Storage";
  public static final String PREFIX = "azblob";

  public static final String ACCOUNT_NAME_CONFIG = "azblob.account.name";
  private static final String ACCOUNT_NAME_DOC =
      "The storage account that holds the backup container. Required unless "
          + "azblob.connection.string names it.";
  private static final String ACCOUNT_NAME_DISPLAY = "Account name";

  public static final String ACCOUNT_KEY_CONFIG = "azblob.account.key";
  private static final String ACCOUNT_KEY_DOC =
      "A shared key of the storage account. Set this, azblob.sas.token or "
          + "azblob.connection.string.";
  private static final String ACCOUNT_KEY_DISPLAY = "Account key";

  public static final String SAS_TOKEN_CONFIG = "azblob.sas.token";
  private static final String SAS_TOKEN_DOC =
      "A shared access signature with read and list permissions on the container, with or"
          + " without its leading '?'. Used instead of azblob.account.key.";
  private static final String SAS_TOKEN_DISPLAY = "SAS token";

  public static final String CONNECTION_STRING_CONFIG = "azblob.connection.string";
  private static final String CONNECTION_STRING_DOC =
      "A storage connection string (DefaultEndpointsProtocol=...;AccountName=...;AccountKey=..."
          + " or with a SharedAccessSignature). Used instead of the account name and key.";
  private static final String CONNECTION_STRING_DISPLAY = "Connection string";

  public static final String CONTAINER_NAME_CONFIG = "azblob.container.name";
  private static final String CONTAINER_NAME_DOC =
      "The container that holds the backup. Setting it selects Azure Blob Storage.";
  private static final String CONTAINER_NAME_DISPLAY = "Container name";

  public static final String ENDPOINT_CONFIG = "azblob.endpoint";
  private static final String ENDPOINT_DOC =
      "The blob service endpoint, for sovereign clouds, private endpoints and emulators: "
          + "https://<account>.blob.core.usgovcloudapi.net, or for Azurite "
          + "http://127.0.0.1:10000/devstoreaccount1 (the account as the first path segment)."
          + " By default https://<account>.blob.core.windows.net, or the connection string's.";
  private static final String ENDPOINT_DISPLAY = "Endpoint";

  public static final ConfigDef CONFIG_DEF = configDef();

  public AzureBlobConfig(Map<String, String> props) {
    super(CONFIG_DEF, props, false);
  }

  private static ConfigDef configDef() {
    ConfigDef def = new ConfigDef();
    int order = 0;
    def.define(
        CONTAINER_NAME_CONFIG,
        Type.STRING,
        null,
        new NonEmptyString(),
        Importance.HIGH,
        CONTAINER_NAME_DOC,
        GROUP,
        ++order,
        Width.MEDIUM,
        CONTAINER_NAME_DISPLAY);
    def.define(
        ACCOUNT_NAME_CONFIG,
        Type.STRING,
        null,
        new NonEmptyString(),
        Importance.HIGH,
        ACCOUNT_NAME_DOC,
        GROUP,
        ++order,
        Width.MEDIUM,
        ACCOUNT_NAME_DISPLAY);
    def.define(
        ACCOUNT_KEY_CONFIG,
        Type.PASSWORD,
        null,
        Importance.HIGH,
        ACCOUNT_KEY_DOC,
        GROUP,
        ++order,
        Width.LONG,
        ACCOUNT_KEY_DISPLAY);
    def.define(
        SAS_TOKEN_CONFIG,
        Type.PASSWORD,
        null,
        Importance.HIGH,
        SAS_TOKEN_DOC,
        GROUP,
        ++order,
        Width.LONG,
        SAS_TOKEN_DISPLAY);
    def.define(
        CONNECTION_STRING_CONFIG,
        Type.PASSWORD,
        null,
        Importance.MEDIUM,
        CONNECTION_STRING_DOC,
        GROUP,
        ++order,
        Width.LONG,
        CONNECTION_STRING_DISPLAY);
    def.define(
        ENDPOINT_CONFIG,
        Type.STRING,
        null,
        new HttpUrlValidator(),
        Importance.MEDIUM,
        ENDPOINT_DOC,
        GROUP,
        ++order,
        Width.LONG,
        ENDPOINT_DISPLAY);
    RetryPolicy.define(def, PREFIX, GROUP, ++order, GROUP);
    return def;
  }

  /** How the store signs its requests. */
  public enum Auth {
    ACCOUNT_KEY("account key"),
    SAS_TOKEN("SAS token"),
    CONNECTION_STRING("connection string");

    private final String label;

    Auth(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  public String containerName() {
    String name = getString(CONTAINER_NAME_CONFIG);
    if (name == null) {
      throw new ConfigException(
          CONTAINER_NAME_CONFIG, null, "name the container that holds the backup");
    }
    return name.trim();
  }

  /** The account name, or {@code null} when only the connection string names it. */
  public String accountName() {
    String name = getString(ACCOUNT_NAME_CONFIG);
    return name == null ? null : name.trim();
  }

  public String endpoint() {
    String endpoint = getString(ENDPOINT_CONFIG);
    if (endpoint == null || endpoint.isBlank()) {
      return null;
    }
    endpoint = endpoint.trim();
    return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
  }

  /** The one way of signing requests that is configured; fails when none or several are. */
  public Auth auth() {
    boolean key = isSet(ACCOUNT_KEY_CONFIG);
    boolean sas = isSet(SAS_TOKEN_CONFIG);
    boolean connectionString = isSet(CONNECTION_STRING_CONFIG);
    int count = (key ? 1 : 0) + (sas ? 1 : 0) + (connectionString ? 1 : 0);
    if (count == 0) {
      throw new ConfigException(
          "Azure Blob Storage needs credentials: set "
              + ACCOUNT_KEY_CONFIG
              + ", "
              + SAS_TOKEN_CONFIG
              + " or "
              + CONNECTION_STRING_CONFIG);
    }
    if (count > 1) {
      throw new ConfigException(
          "Azure Blob Storage takes one kind of credentials: set only one of "
              + ACCOUNT_KEY_CONFIG
              + ", "
              + SAS_TOKEN_CONFIG
              + " and "
              + CONNECTION_STRING_CONFIG);
    }
    Auth auth = key ? Auth.ACCOUNT_KEY : sas ? Auth.SAS_TOKEN : Auth.CONNECTION_STRING;
    if (auth != Auth.CONNECTION_STRING && accountName() == null && endpoint() == null) {
      throw new ConfigException(
          ACCOUNT_NAME_CONFIG, null, "name the storage account (or set " + ENDPOINT_CONFIG + ")");
    }
    if (auth == Auth.ACCOUNT_KEY && accountName() == null) {
      throw new ConfigException(
          ACCOUNT_NAME_CONFIG, null, "an account key needs the name of its account");
    }
    return auth;
  }

  public Password accountKey() {
    return getPassword(ACCOUNT_KEY_CONFIG);
  }

  /** The SAS token without its leading '?'. */
  public Password sasToken() {
    Password token = getPassword(SAS_TOKEN_CONFIG);
    String value = token.value().trim();
    return new Password(value.startsWith("?") ? value.substring(1) : value);
  }

  public Password connectionString() {
    return getPassword(CONNECTION_STRING_CONFIG);
  }

  public RetryPolicy retryPolicy() {
    return RetryPolicy.from(this, PREFIX);
  }

  private boolean isSet(String passwordKey) {
    Password password = getPassword(passwordKey);
    return password != null && !password.value().isBlank();
  }
}
