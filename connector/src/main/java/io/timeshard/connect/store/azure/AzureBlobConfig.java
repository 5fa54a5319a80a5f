package io.timeshard.connect.store.azure;

import io.timeshard.connect.store.HttpUrlValidator;
import io.timeshard.connect.store.RetryPolicy;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
 * azblob.container.name}; plus a connection string, Microsoft Entra ID credentials ({@code
 * azblob.credentials.type}: the default chain, a managed identity, a service principal), an
 * endpoint override and the retry knobs.
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
          + "azblob.connection.string, or azblob.credentials.type for Microsoft Entra ID.";
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

  public static final String CREDENTIALS_TYPE_CONFIG = "azblob.credentials.type";
  public static final String CREDENTIALS_TYPE_DEFAULT = "auto";
  private static final String CREDENTIALS_TYPE_DOC =
      "How requests are signed. 'auto' (the default): with whichever of azblob.account.key,"
          + " azblob.sas.token and azblob.connection.string is set. 'account_key', 'sas_token',"
          + " 'connection_string': with that key, which must be set. Microsoft Entra ID (for"
          + " accounts with shared-key access disabled; the identity needs the Storage Blob Data"
          + " Reader role on the container): 'default' uses the Azure SDK's"
          + " DefaultAzureCredential (environment variables AZURE_CLIENT_ID / AZURE_TENANT_ID /"
          + " AZURE_CLIENT_SECRET, workload identity on Kubernetes, managed identity, Azure CLI),"
          + " with azblob.client.id as the managed or workload identity's client id if set;"
          + " 'managed_identity' uses the worker's managed identity, the user-assigned one whose"
          + " client id is azblob.client.id if set; 'service_principal' signs in as the"
          + " application azblob.client.id of tenant azblob.tenant.id with"
          + " azblob.client.secret.";
  private static final String CREDENTIALS_TYPE_DISPLAY = "Credentials type";

  public static final String TENANT_ID_CONFIG = "azblob.tenant.id";
  private static final String TENANT_ID_DOC =
      "The Microsoft Entra ID tenant (directory) id of the service principal, for"
          + " azblob.credentials.type=service_principal; with 'default', the tenant to sign in to"
          + " if not the environment's.";
  private static final String TENANT_ID_DISPLAY = "Tenant ID";

  public static final String CLIENT_ID_CONFIG = "azblob.client.id";
  private static final String CLIENT_ID_DOC =
      "A Microsoft Entra ID client (application) id: the service principal's for"
          + " azblob.credentials.type=service_principal; the user-assigned managed identity's for"
          + " 'managed_identity' and 'default' (leave it empty for the system-assigned one).";
  private static final String CLIENT_ID_DISPLAY = "Client ID";

  public static final String CLIENT_SECRET_CONFIG = "azblob.client.secret";
  private static final String CLIENT_SECRET_DOC =
      "The service principal's client secret, for azblob.credentials.type=service_principal.";
  private static final String CLIENT_SECRET_DISPLAY = "Client secret";

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
    def.define(
        CREDENTIALS_TYPE_CONFIG,
        Type.STRING,
        CREDENTIALS_TYPE_DEFAULT,
        ConfigDef.ValidString.in(CredentialsType.names()),
        Importance.MEDIUM,
        CREDENTIALS_TYPE_DOC,
        GROUP,
        ++order,
        Width.MEDIUM,
        CREDENTIALS_TYPE_DISPLAY);
    def.define(
        TENANT_ID_CONFIG,
        Type.STRING,
        null,
        Importance.MEDIUM,
        TENANT_ID_DOC,
        GROUP,
        ++order,
        Width.MEDIUM,
        TENANT_ID_DISPLAY);
    def.define(
        CLIENT_ID_CONFIG,
        Type.STRING,
        null,
        Importance.MEDIUM,
        CLIENT_ID_DOC,
        GROUP,
        ++order,
        Width.MEDIUM,
        CLIENT_ID_DISPLAY);
    def.define(
        CLIENT_SECRET_CONFIG,
        Type.PASSWORD,
        null,
        Importance.MEDIUM,
        CLIENT_SECRET_DOC,
        GROUP,
        ++order,
        Width.LONG,
        CLIENT_SECRET_DISPLAY);
    RetryPolicy.define(def, PREFIX, GROUP, ++order, GROUP);
    return def;
  }

  /** The values of {@code azblob.credentials.type}. */
  public enum CredentialsType {
    AUTO,
    ACCOUNT_KEY,
    SAS_TOKEN,
    CONNECTION_STRING,
    DEFAULT,
    MANAGED_IDENTITY,
    SERVICE_PRINCIPAL;

    /** The name as configured: lower case. */
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static String[] names() {
      return Arrays.stream(values()).map(CredentialsType::configName).toArray(String[]::new);
    }
  }

  /** How the store signs its requests. */
  public enum Auth {
    ACCOUNT_KEY("account key"),
    SAS_TOKEN("SAS token"),
    CONNECTION_STRING("connection string"),
    DEFAULT("Microsoft Entra ID default credentials"),
    MANAGED_IDENTITY("managed identity"),
    SERVICE_PRINCIPAL("service principal");

    private final String label;

    Auth(String label) {
      this.label = label;
    }

    /** True for the Microsoft Entra ID kinds, which send bearer tokens. */
    public boolean entraId() {
      return this == DEFAULT || this == MANAGED_IDENTITY || this == SERVICE_PRINCIPAL;
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

  public CredentialsType credentialsType() {
    return CredentialsType.valueOf(getString(CREDENTIALS_TYPE_CONFIG).toUpperCase(Locale.ROOT));
  }

  /** The one way of signing requests that is configured; fails when none or several are. */
  public Auth auth() {
    CredentialsType type = credentialsType();
    boolean key = isSet(ACCOUNT_KEY_CONFIG);
    boolean sas = isSet(SAS_TOKEN_CONFIG);
    boolean connectionString = isSet(CONNECTION_STRING_CONFIG);
    int count = (key ? 1 : 0) + (sas ? 1 : 0) + (connectionString ? 1 : 0);
    if (count > 1) {
      throw new ConfigException(
          "Azure Blob Storage takes one kind of credentials: set only one of "
              + ACCOUNT_KEY_CONFIG
              + ", "
              + SAS_TOKEN_CONFIG
              + " and "
              + CONNECTION_STRING_CONFIG);
    }
    Auth auth =
        switch (type) {
          case DEFAULT -> Auth.DEFAULT;
          case MANAGED_IDENTITY -> Auth.MANAGED_IDENTITY;
          case SERVICE_PRINCIPAL -> Auth.SERVICE_PRINCIPAL;
          default -> {
            if (count == 0) {
              throw new ConfigException(
                  "Azure Blob Storage needs credentials: set "
                      + ACCOUNT_KEY_CONFIG
                      + ", "
                      + SAS_TOKEN_CONFIG
                      + " or "
                      + CONNECTION_STRING_CONFIG
                      + ", or "
                      + CREDENTIALS_TYPE_CONFIG
                      + " to default, managed_identity or service_principal for Microsoft Entra"
                      + " ID");
            }
            yield key ? Auth.ACCOUNT_KEY : sas ? Auth.SAS_TOKEN : Auth.CONNECTION_STRING;
          }
        };
    if (type != CredentialsType.AUTO && !auth.entraId() && !auth.name().equals(type.name())) {
      throw new ConfigException(
          CREDENTIALS_TYPE_CONFIG,
          type.configName(),
          "set " + keyOf(type) + " (it is empty), or choose the type of the key that is set");
    }
    if (auth.entraId()) {
      checkEntraId(auth, count);
    } else if (isSet(CLIENT_SECRET_CONFIG)) {
      throw new ConfigException(
          CLIENT_SECRET_CONFIG,
          "[hidden]",
          "a client secret is used only with " + CREDENTIALS_TYPE_CONFIG + "=service_principal");
    }
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

  private void checkEntraId(Auth auth, int sharedKeysSet) {
    String type = CREDENTIALS_TYPE_CONFIG + "=" + auth.name().toLowerCase(Locale.ROOT);
    if (sharedKeysSet > 0) {
      throw new ConfigException(
          type
              + " signs with Microsoft Entra ID: leave "
              + ACCOUNT_KEY_CONFIG
              + ", "
              + SAS_TOKEN_CONFIG
              + " and "
              + CONNECTION_STRING_CONFIG
              + " empty");
    }
    String endpoint = endpoint();
    if (endpoint != null && !endpoint.regionMatches(true, 0, "https:", 0, 6)) {
      throw new ConfigException(
          ENDPOINT_CONFIG,
          endpoint,
          "Microsoft Entra ID tokens are sent only over https: use an https:// endpoint");
    }
    if (auth == Auth.SERVICE_PRINCIPAL) {
      for (String required : List.of(TENANT_ID_CONFIG, CLIENT_ID_CONFIG)) {
        if (text(required) == null) {
          throw new ConfigException(required, null, type + " needs it");
        }
      }
      if (!isSet(CLIENT_SECRET_CONFIG)) {
        throw new ConfigException(CLIENT_SECRET_CONFIG, null, type + " needs it");
      }
    } else if (isSet(CLIENT_SECRET_CONFIG)) {
      throw new ConfigException(
          CLIENT_SECRET_CONFIG,
          "[hidden]",
          "a client secret is used only with " + CREDENTIALS_TYPE_CONFIG + "=service_principal");
    }
  }

  private static String keyOf(CredentialsType type) {
    return switch (type) {
      case ACCOUNT_KEY -> ACCOUNT_KEY_CONFIG;
      case SAS_TOKEN -> SAS_TOKEN_CONFIG;
      default -> CONNECTION_STRING_CONFIG;
    };
  }

  /** The Microsoft Entra ID tenant id, or {@code null}. */
  public String tenantId() {
    return text(TENANT_ID_CONFIG);
  }

  /** The Microsoft Entra ID client id, or {@code null}. */
  public String clientId() {
    return text(CLIENT_ID_CONFIG);
  }

  public Password clientSecret() {
    return getPassword(CLIENT_SECRET_CONFIG);
  }

  private String text(String key) {
    String value = getString(key);
    return value == null || value.isBlank() ? null : value.trim();
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
