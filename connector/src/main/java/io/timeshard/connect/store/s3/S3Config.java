package io.timeshard.connect.store.s3;

import io.timeshard.connect.store.HttpUrlValidator;
import io.timeshard.connect.store.RetryPolicy;
import java.net.URI;
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
 * The S3 keys, named as in the S3 sink configurations users already have: {@code s3.bucket.name},
 * {@code s3.region}, {@code store.url} (the endpoint of an S3-compatible store), {@code
 * aws.access.key.id} and {@code aws.secret.access.key}; plus an optional role to assume ({@code
 * aws.sts.role.arn}), path-style access and the retry knobs.
 */
public final class S3Config extends AbstractConfig {

  public static final String GROUP = "S3";
  public static final String PREFIX = "s3";

  public static final String BUCKET_NAME_CONFIG = "s3.bucket.name";
  private static final String BUCKET_NAME_DOC =
      "The bucket that holds the backup. Setting it selects S3 (unless store.url is a file: URL,"
          + " which selects the local folder).";
  private static final String BUCKET_NAME_DISPLAY = "Bucket name";

  public static final String REGION_CONFIG = "s3.region";
  public static final String REGION_DEFAULT = "us-west-2";
  private static final String REGION_DOC =
      "The bucket's region. The default is the S3 sink's, so that a sink configuration without"
          + " the key finds the same bucket.";
  private static final String REGION_DISPLAY = "Region";

  public static final String STORE_URL_CONFIG = "store.url";
  private static final String STORE_URL_DOC =
      "For S3: the endpoint of an S3-compatible store (MinIO, Ceph, a private endpoint), e.g."
          + " http://127.0.0.1:9000; empty for AWS itself. A file:///path URL instead selects the"
          + " local folder store and is never taken as an S3 endpoint.";
  private static final String STORE_URL_DISPLAY = "Store URL (S3 endpoint)";

  public static final String PATH_STYLE_CONFIG = "s3.path.style.access.enabled";
  public static final boolean PATH_STYLE_DEFAULT = true;
  private static final String PATH_STYLE_DOC =
      "Address the bucket in the path (https://endpoint/bucket/key) rather than in the host name"
          + " (https://bucket.endpoint/key). Most S3-compatible stores need it; the default is"
          + " the S3 sink's.";
  private static final String PATH_STYLE_DISPLAY = "Path-style access";

  public static final String ACCESS_KEY_ID_CONFIG = "aws.access.key.id";
  private static final String ACCESS_KEY_ID_DOC =
      "The access key ID. Without it (and aws.secret.access.key) the AWS default credentials"
          + " chain is used: environment, system properties, profile files, container and"
          + " instance roles.";
  private static final String ACCESS_KEY_ID_DISPLAY = "Access key ID";

  public static final String SECRET_ACCESS_KEY_CONFIG = "aws.secret.access.key";
  private static final String SECRET_ACCESS_KEY_DOC = "The secret access key of aws.access.key.id.";
  private static final String SECRET_ACCESS_KEY_DISPLAY = "Secret access key";

  public static final String STS_ROLE_ARN_CONFIG = "aws.sts.role.arn";
  private static final String STS_ROLE_ARN_DOC =
      "A role to assume (AWS STS AssumeRole) for reading the bucket, for example a role of the"
          + " account that owns a cross-account backup: arn:aws:iam::123456789012:role/restore."
          + " The role is assumed with the credentials the other keys give (aws.access.key.id or"
          + " the default chain), and its temporary credentials are renewed before they expire."
          + " Empty: no role is assumed.";
  private static final String STS_ROLE_ARN_DISPLAY = "Role to assume (ARN)";

  public static final String STS_EXTERNAL_ID_CONFIG = "aws.sts.role.external.id";
  private static final String STS_EXTERNAL_ID_DOC =
      "The external id the role's trust policy requires (sts:ExternalId), if any.";
  private static final String STS_EXTERNAL_ID_DISPLAY = "External ID";

  public static final String STS_SESSION_NAME_CONFIG = "aws.sts.role.session.name";
  public static final String STS_SESSION_NAME_DEFAULT = "timeshard-restore";
  private static final String STS_SESSION_NAME_DOC =
      "The role session name, which CloudTrail records with every request of the restore.";
  private static final String STS_SESSION_NAME_DISPLAY = "Role session name";

  public static final String STS_ENDPOINT_CONFIG = "aws.sts.endpoint";
  private static final String STS_ENDPOINT_DOC =
      "The STS endpoint, for a VPC endpoint or an S3-compatible store's STS: by default the"
          + " regional endpoint of s3.region.";
  private static final String STS_ENDPOINT_DISPLAY = "STS endpoint";

  public static final ConfigDef CONFIG_DEF = configDef();

  public S3Config(Map<String, String> props) {
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
        REGION_CONFIG,
        Type.STRING,
        REGION_DEFAULT,
        new NonEmptyString(),
        Importance.MEDIUM,
        REGION_DOC,
        GROUP,
        ++order,
        Width.SHORT,
        REGION_DISPLAY);
    def.define(
        STORE_URL_CONFIG,
        Type.STRING,
        null,
        new StoreUrlValidator(),
        Importance.MEDIUM,
        STORE_URL_DOC,
        GROUP,
        ++order,
        Width.LONG,
        STORE_URL_DISPLAY);
    def.define(
        PATH_STYLE_CONFIG,
        Type.BOOLEAN,
        PATH_STYLE_DEFAULT,
        Importance.LOW,
        PATH_STYLE_DOC,
        GROUP,
        ++order,
        Width.SHORT,
        PATH_STYLE_DISPLAY);
    def.define(
        ACCESS_KEY_ID_CONFIG,
        Type.STRING,
        null,
        Importance.HIGH,
        ACCESS_KEY_ID_DOC,
        GROUP,
        ++order,
        Width.MEDIUM,
        ACCESS_KEY_ID_DISPLAY);
    def.define(
        SECRET_ACCESS_KEY_CONFIG,
        Type.PASSWORD,
        null,
        Importance.HIGH,
        SECRET_ACCESS_KEY_DOC,
        GROUP,
        ++order,
        Width.MEDIUM,
        SECRET_ACCESS_KEY_DISPLAY);
    def.define(
        STS_ROLE_ARN_CONFIG,
        Type.STRING,
        null,
        Importance.MEDIUM,
        STS_ROLE_ARN_DOC,
        GROUP,
        ++order,
        Width.LONG,
        STS_ROLE_ARN_DISPLAY);
    def.define(
        STS_EXTERNAL_ID_CONFIG,
        Type.PASSWORD,
        null,
        Importance.MEDIUM,
        STS_EXTERNAL_ID_DOC,
        GROUP,
        ++order,
        Width.MEDIUM,
        STS_EXTERNAL_ID_DISPLAY);
    def.define(
        STS_SESSION_NAME_CONFIG,
        Type.STRING,
        STS_SESSION_NAME_DEFAULT,
        new SessionNameValidator(),
        Importance.LOW,
        STS_SESSION_NAME_DOC,
        GROUP,
        ++order,
        Width.MEDIUM,
        STS_SESSION_NAME_DISPLAY);
    def.define(
        STS_ENDPOINT_CONFIG,
        Type.STRING,
        null,
        new HttpUrlValidator(),
        Importance.LOW,
        STS_ENDPOINT_DOC,
        GROUP,
        ++order,
        Width.LONG,
        STS_ENDPOINT_DISPLAY);
    RetryPolicy.define(def, PREFIX, GROUP, ++order, "S3");
    return def;
  }

  /** True when {@code url} names a local folder, which is never an S3 endpoint. */
  public static boolean isFileUrl(String url) {
    return url != null && url.trim().regionMatches(true, 0, "file:", 0, 5);
  }

  public String bucketName() {
    String name = getString(BUCKET_NAME_CONFIG);
    if (name == null) {
      throw new ConfigException(BUCKET_NAME_CONFIG, null, "name the bucket that holds the backup");
    }
    return name.trim();
  }

  public String region() {
    return getString(REGION_CONFIG).trim();
  }

  /** The endpoint override, or {@code null} for AWS itself (and for a file: store URL). */
  public URI endpoint() {
    String url = getString(STORE_URL_CONFIG);
    if (url == null || url.isBlank() || isFileUrl(url)) {
      return null;
    }
    return URI.create(url.trim());
  }

  public boolean pathStyle() {
    return getBoolean(PATH_STYLE_CONFIG);
  }

  /** The access key ID, or {@code null} for the default credentials chain. */
  public String accessKeyId() {
    String id = getString(ACCESS_KEY_ID_CONFIG);
    boolean hasId = id != null && !id.isBlank();
    Password secret = getPassword(SECRET_ACCESS_KEY_CONFIG);
    boolean hasSecret = secret != null && !secret.value().isBlank();
    if (hasId != hasSecret) {
      throw new ConfigException(
          "Set both "
              + ACCESS_KEY_ID_CONFIG
              + " and "
              + SECRET_ACCESS_KEY_CONFIG
              + ", or neither for the AWS default credentials chain");
    }
    return hasId ? id.trim() : null;
  }

  public Password secretAccessKey() {
    return getPassword(SECRET_ACCESS_KEY_CONFIG);
  }

  /** The role to assume, or {@code null}. */
  public String stsRoleArn() {
    String arn = getString(STS_ROLE_ARN_CONFIG);
    if (arn == null || arn.isBlank()) {
      if (stsExternalId() != null) {
        throw new ConfigException(
            STS_EXTERNAL_ID_CONFIG, "[hidden]", "an external id needs " + STS_ROLE_ARN_CONFIG);
      }
      return null;
    }
    return arn.trim();
  }

  /** The external id, or {@code null}. */
  public Password stsExternalId() {
    Password id = getPassword(STS_EXTERNAL_ID_CONFIG);
    return id == null || id.value().isBlank() ? null : id;
  }

  public String stsSessionName() {
    return getString(STS_SESSION_NAME_CONFIG).trim();
  }

  /** The STS endpoint override, or {@code null}. */
  public URI stsEndpoint() {
    String url = getString(STS_ENDPOINT_CONFIG);
    return url == null || url.isBlank() ? null : URI.create(url.trim());
  }

  public RetryPolicy retryPolicy() {
    return RetryPolicy.from(this, PREFIX);
  }

  /** A role session name as STS takes it: 2 to 64 letters, digits and punctuation it allows. */
  static final class SessionNameValidator implements ConfigDef.Validator {

    private static final java.util.regex.Pattern VALID =
        java.util.regex.Pattern.compile("[\\w+=,.@-]{2,64}");

    @Override
    public void ensureValid(String name, Object value) {
      if (value == null || !VALID.matcher(value.toString().trim()).matches()) {
        throw new ConfigException(name, value, "must be " + this);
      }
    }

    @Override
    public String toString() {
      return "2 to 64 characters: letters, digits, the at sign and _ + = , . -";
    }
  }

  /** Accepts no value, a file: URL (the local folder store's) or an http(s) endpoint. */
  static final class StoreUrlValidator implements ConfigDef.Validator {

    private final HttpUrlValidator http = new HttpUrlValidator();

    @Override
    public void ensureValid(String name, Object value) {
      if (value != null && !isFileUrl(value.toString())) {
        http.ensureValid(name, value);
      }
    }

    @Override
    public String toString() {
      return "a file:///path URL for a local folder, or an http:// or https:// S3 endpoint";
    }
  }
}
