package io.timeshard.connect.store.s3;

import io.timeshard.connect.store.FirstRequest;
import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.ObjectStoreProvider;
import io.timeshard.connect.store.RetryPolicy;
import io.timeshard.connect.store.ThrottleSignal;
import java.net.URI;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * S3 and S3-compatible stores, selected by {@code s3.bucket.name} (unless {@code store.url} is a
 * file: URL: then the local folder store is meant).
 */
public final class S3StoreProvider implements ObjectStoreProvider {

  private static final Logger log = LoggerFactory.getLogger(S3StoreProvider.class);

  public static final String NAME = "s3";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ConfigDef configDef() {
    return S3Config.CONFIG_DEF;
  }

  @Override
  public boolean accepts(Map<String, String> props) {
    String bucket = props.get(S3Config.BUCKET_NAME_CONFIG);
    return bucket != null
        && !bucket.isBlank()
        && !S3Config.isFileUrl(props.get(S3Config.STORE_URL_CONFIG));
  }

  @Override
  public void check(Map<String, String> props) {
    S3Config config = new S3Config(props);
    config.bucketName();
    config.accessKeyId();
    config.endpoint();
  }

  @Override
  public ObjectStore create(Map<String, String> props) {
    S3Config config = new S3Config(props);
    long start = System.nanoTime();
    ThrottleSignal throttling = new ThrottleSignal();
    S3ObjectStore store =
        new S3ObjectStore(
            client(config, throttling), config.bucketName(), config.endpoint(), throttling);
    try {
      FirstRequest.send(store, store::probe);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    log.info(
        "Opened {} in region {} with {} in {} ms",
        store.describe(),
        config.region(),
        credentialsLabel(config),
        (System.nanoTime() - start) / 1_000_000);
    return store;
  }

  /**
   * A client on the JDK's URL connection (the lightest of the SDK's HTTP clients), with the request
   * timeout as its socket read timeout and the SDK's standard retry strategy with our attempts and
   * backoff.
   */
  public static S3Client client(S3Config config) {
    return client(config, new ThrottleSignal());
  }

  /** A client as above that reports every throttled attempt to {@code throttling}. */
  static S3Client client(S3Config config, ThrottleSignal throttling) {
    RetryPolicy retry = config.retryPolicy();
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(config.region()))
            .forcePathStyle(config.pathStyle())
            .credentialsProvider(credentials(config))
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(retry.requestTimeout())
                    .socketTimeout(retry.requestTimeout()))
            .overrideConfiguration(
                o ->
                    o.addExecutionInterceptor(new ThrottleReportingInterceptor(throttling))
                        .retryStrategy(
                            AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(retry.maxAttempts())
                                .backoffStrategy(
                                    BackoffStrategy.exponentialDelay(
                                        retry.backoff(), retry.maxBackoff()))
                                .build()));
    URI endpoint = config.endpoint();
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  private static String credentialsLabel(S3Config config) {
    String keys = config.accessKeyId() == null ? "the default credentials chain" : "an access key";
    String role = config.stsRoleArn();
    return role == null ? keys : "role " + role + " assumed with " + keys;
  }

  /**
   * The static keys if set, else the default chain; and, with {@code aws.sts.role.arn}, a role
   * assumed with those and renewed before it expires.
   */
  static AwsCredentialsProvider credentials(S3Config config) {
    String id = config.accessKeyId();
    AwsCredentialsProvider base =
        id == null
            ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(
                AwsBasicCredentials.create(id, config.secretAccessKey().value()));
    String role = config.stsRoleArn();
    if (role == null) {
      return base;
    }
    RetryPolicy retry = config.retryPolicy();
    // The STS client runs on the URL connection client, which holds no threads or pooled
    // connections: nothing is left behind when the store closes.
    StsClientBuilder sts =
        StsClient.builder()
            .region(Region.of(config.region()))
            .credentialsProvider(base)
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(retry.requestTimeout())
                    .socketTimeout(retry.requestTimeout()));
    if (config.stsEndpoint() != null) {
      sts.endpointOverride(config.stsEndpoint());
    }
    AssumeRoleRequest.Builder request =
        AssumeRoleRequest.builder().roleArn(role).roleSessionName(config.stsSessionName());
    if (config.stsExternalId() != null) {
      request.externalId(config.stsExternalId().value());
    }
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts.build())
        .refreshRequest(request.build())
        .asyncCredentialUpdateEnabled(false)
        .build();
  }
}
