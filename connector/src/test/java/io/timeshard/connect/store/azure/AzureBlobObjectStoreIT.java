package io.timeshard.connect.store.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import io.timeshard.connect.store.ObjectStoreContract;
import io.timeshard.connect.store.ObjectStoreProvider;
import io.timeshard.connect.store.testing.AzuriteExtension;
import io.timeshard.fixtures.FaultInjectingProxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on Azurite, with the keys of an Azure Blob Storage sink configuration. */
class AzureBlobObjectStoreIT extends ObjectStoreContract {

  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();

  /** A valid key (base64 of 64 bytes) that is not the account's. */
  private static final String WRONG_KEY =
      "d3JvbmctYnV0LXdlbGwtZm9ybWVkLWtleS13cm9uZy1idXQtd2VsbC1mb3JtZWQta2V5LXdyb25nLWJ1dC0xMjM=";

  private final Map<String, BlobContainerClient> clients = new ConcurrentHashMap<>();

  @Override
  protected ObjectStoreProvider provider() {
    return new AzureBlobStoreProvider();
  }

  @Override
  protected Map<String, String> props(String container) {
    return Map.of(
        AzureBlobConfig.ACCOUNT_NAME_CONFIG,
        AzuriteExtension.ACCOUNT,
        AzureBlobConfig.ACCOUNT_KEY_CONFIG,
        AzuriteExtension.KEY,
        AzureBlobConfig.CONTAINER_NAME_CONFIG,
        container,
        AzureBlobConfig.ENDPOINT_CONFIG,
        AZURITE.endpoint());
  }

  private BlobContainerClient client(String container) {
    return clients.computeIfAbsent(
        container,
        name -> {
          AzureBlobConfig config = new AzureBlobConfig(props(name));
          return AzureBlobStoreProvider.containerClient(
              config, AzureBlobStoreProvider.httpClient(config));
        });
  }

  @Override
  protected void createContainer(String container) {
    client(container).create();
  }

  @Override
  protected void put(String container, String key, byte[] data) {
    client(container).getBlobClient(key).upload(BinaryData.fromBytes(data), true);
  }

  @Override
  protected Map<String, String> withWrongCredentials(Map<String, String> props) {
    return with(props, AzureBlobConfig.ACCOUNT_KEY_CONFIG, WRONG_KEY);
  }

  @Override
  protected String wrongSecret() {
    return WRONG_KEY;
  }

  @Override
  protected String credentialsOwner(String container) {
    return AzuriteExtension.ACCOUNT;
  }

  @Override
  protected int emulatorPort() {
    return AZURITE.port();
  }

  @Override
  protected Map<String, String> propsThroughProxy(String container, FaultInjectingProxy proxy) {
    return with(
        props(container),
        AzureBlobConfig.ENDPOINT_CONFIG,
        AzuriteExtension.endpoint(proxy.port()),
        "azblob.retry.retries",
        "8",
        "azblob.retry.backoff.ms",
        "10",
        "azblob.retry.max.backoff.ms",
        "200",
        "azblob.request.timeout.ms",
        "2000");
  }
}
