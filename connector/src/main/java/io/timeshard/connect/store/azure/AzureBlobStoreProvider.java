package io.timeshard.connect.store.azure;

import com.azure.core.credential.AzureSasCredential;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientProvider;
import com.azure.core.util.HttpClientOptions;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.timeshard.connect.store.FirstRequest;
import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.ObjectStoreProvider;
import io.timeshard.connect.store.ObjectStores;
import io.timeshard.connect.store.RetryPolicy;
import io.timeshard.connect.store.ThrottleSignal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Azure Blob Storage, selected by {@code azblob.container.name}. */
public final class AzureBlobStoreProvider implements ObjectStoreProvider {

  private static final Logger log = LoggerFactory.getLogger(AzureBlobStoreProvider.class);

  public static final String NAME = "azblob";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ConfigDef configDef() {
    return AzureBlobConfig.CONFIG_DEF;
  }

  @Override
  public boolean accepts(Map<String, String> props) {
    String container = props.get(AzureBlobConfig.CONTAINER_NAME_CONFIG);
    return container != null && !container.isBlank();
  }

  @Override
  public void check(Map<String, String> props) {
    AzureBlobConfig config = new AzureBlobConfig(props);
    config.containerName();
    if (config.auth() == AzureBlobConfig.Auth.ACCOUNT_KEY) {
      try {
        Base64.getDecoder().decode(config.accountKey().value().trim());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            AzureBlobConfig.ACCOUNT_KEY_CONFIG
                + " is not an account key (a base64 string): copy key1 or key2 from the storage"
                + " account's access keys");
      }
    }
  }

  @Override
  public ObjectStore create(Map<String, String> props) {
    AzureBlobConfig config = new AzureBlobConfig(props);
    AzureBlobConfig.Auth auth = config.auth();
    long start = System.nanoTime();
    ThrottleSignal throttling = new ThrottleSignal();
    AzureBlobObjectStore store =
        new AzureBlobObjectStore(
            containerClient(
                config, httpClient(config, ObjectStores.workerReads(props)), throttling),
            auth.toString(),
            throttling);
    FirstRequest.send(store, store::probe);
    log.info(
        "Opened {} (signed with its {}) in {} ms",
        store.describe(),
        auth,
        (System.nanoTime() - start) / 1_000_000);
    return store;
  }

  /**
   * Connections the worker's pool keeps on top of one per read in flight: for listings and for
   * sign-in requests of Microsoft Entra ID credentials.
   */
  public static final int POOL_CONNECTIONS_BEYOND_READS = 32;

  /**
   * The HTTP clients of this worker, one per request timeout and pool size: every store of the
   * worker with the same settings (every task of a restore, and restores of other containers and
   * accounts) shares one connection pool.
   */
  private static final ConcurrentMap<List<Object>, HttpClient> WORKER_CLIENTS =
      new ConcurrentHashMap<>();

  /**
   * The HTTP client: netty's (measured faster per object than the JDK's), with the request timeout
   * as its response and read timeouts, shared by the worker's stores of the same settings. Its pool
   * holds a connection for each read the worker may have in flight ({@code
   * restore.fetch.worker.concurrency}) and {@link #POOL_CONNECTIONS_BEYOND_READS} more, so that no
   * read waits for a connection.
   */
  static HttpClient httpClient(AzureBlobConfig config, int workerReads) {
    RetryPolicy retry = config.retryPolicy();
    int poolSize = workerReads + POOL_CONNECTIONS_BEYOND_READS;
    return WORKER_CLIENTS.computeIfAbsent(
        List.of(retry.requestTimeout(), poolSize),
        key ->
            HttpClient.createDefault(
                new HttpClientOptions()
                    .setHttpClientProvider(NettyAsyncHttpClientProvider.class)
                    .setMaximumConnectionPoolSize(poolSize)
                    .setResponseTimeout(retry.requestTimeout())
                    .setReadTimeout(retry.requestTimeout())));
  }

  /** The client of a worker that reads with the default bound. */
  static HttpClient httpClient(AzureBlobConfig config) {
    return httpClient(config, ObjectStores.FETCH_WORKER_CONCURRENCY_DEFAULT);
  }

  /**
   * The Microsoft Entra ID credential of {@code azblob.credentials.type}, on the store's HTTP
   * client. It asks for a token on the first request, not here: a credential that cannot sign in
   * fails the store's first listing.
   */
  static TokenCredential tokenCredential(AzureBlobConfig config, HttpClient http) {
    String clientId = config.clientId();
    return switch (config.auth()) {
      case DEFAULT -> {
        DefaultAzureCredentialBuilder builder =
            new DefaultAzureCredentialBuilder().httpClient(http);
        if (clientId != null) {
          builder.managedIdentityClientId(clientId).workloadIdentityClientId(clientId);
        }
        if (config.tenantId() != null) {
          builder.tenantId(config.tenantId());
        }
        yield builder.build();
      }
      case MANAGED_IDENTITY -> {
        ManagedIdentityCredentialBuilder builder =
            new ManagedIdentityCredentialBuilder().httpClient(http);
        if (clientId != null) {
          builder.clientId(clientId);
        }
        yield builder.build();
      }
      case SERVICE_PRINCIPAL ->
          new ClientSecretCredentialBuilder()
              .httpClient(http)
              .tenantId(config.tenantId())
              .clientId(clientId)
              .clientSecret(config.clientSecret().value())
              .build();
      default ->
          throw new IllegalStateException(
              config.auth() + " is not a Microsoft Entra ID credential");
    };
  }

  /** A client for the configured container, signing with the configured credentials. */
  public static BlobContainerClient containerClient(AzureBlobConfig config, HttpClient http) {
    return containerClient(config, http, new ThrottleSignal());
  }

  /** A client as above that reports every throttled attempt to {@code throttling}. */
  static BlobContainerClient containerClient(
      AzureBlobConfig config, HttpClient http, ThrottleSignal throttling) {
    AzureBlobConfig.Auth auth = config.auth();
    RetryPolicy retry = config.retryPolicy();
    BlobContainerClientBuilder builder =
        new BlobContainerClientBuilder()
            .httpClient(http)
            .addPolicy(new ThrottleReportingPolicy(throttling))
            .retryOptions(
                new RequestRetryOptions(
                    RetryPolicyType.EXPONENTIAL,
                    retry.maxAttempts(),
                    retry.requestTimeout(),
                    retry.backoff(),
                    retry.maxBackoff(),
                    null));
    String endpoint = config.endpoint();
    switch (auth) {
      case CONNECTION_STRING -> {
        try {
          builder.connectionString(config.connectionString().value());
        } catch (IllegalArgumentException e) {
          // The parser's message may quote the string: name the key, not the value.
          throw new ConfigException(
              AzureBlobConfig.CONNECTION_STRING_CONFIG + " is not a valid connection string");
        }
      }
      case ACCOUNT_KEY ->
          builder.credential(
              new StorageSharedKeyCredential(config.accountName(), config.accountKey().value()));
      case SAS_TOKEN -> builder.credential(new AzureSasCredential(config.sasToken().value()));
      case DEFAULT, MANAGED_IDENTITY, SERVICE_PRINCIPAL ->
          builder.credential(tokenCredential(config, http));
    }
    if (endpoint != null) {
      builder.endpoint(endpoint);
    } else if (auth != AzureBlobConfig.Auth.CONNECTION_STRING) {
      builder.endpoint("https://" + config.accountName() + ".blob.core.windows.net");
    }
    return builder.containerName(config.containerName()).buildClient();
  }
}
