package io.timeshard.quickstart;

import com.azure.core.http.HttpClient;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import io.timeshard.connect.store.azure.AzureBlobConfig;
import io.timeshard.connect.store.azure.AzureBlobStoreProvider;
import io.timeshard.fixtures.ObjectSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A backup in a new container of an Azure Blob Storage account (Azurite's development account in
 * the quickstart and benchmarks), uploaded on a few threads. Closing deletes the container.
 */
public final class AzureContainerBackup implements BackupStore {

  /** Azurite's development account and its well-known key (public, not a secret). */
  public static final String AZURITE_ACCOUNT = "devstoreaccount1";

  public static final String AZURITE_KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private static final int UPLOAD_THREADS = 8;

  private final Map<String, String> config;
  private final BlobContainerClient container;
  private final ExecutorService uploads;
  private final List<Future<?>> pending = new ArrayList<>();

  private AzureContainerBackup(Map<String, String> config) {
    this.config = Map.copyOf(config);
    this.container =
        AzureBlobStoreProvider.containerClient(
            new AzureBlobConfig(config), HttpClient.createDefault());
    this.uploads =
        Executors.newFixedThreadPool(
            UPLOAD_THREADS,
            runnable -> {
              Thread thread = new Thread(runnable, "backup-upload");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Creates container {@code container} in Azurite's development account at {@code endpoint}
   * ({@code http://127.0.0.1:10000/devstoreaccount1}).
   */
  public static AzureContainerBackup createInAzurite(String endpoint, String container) {
    Map<String, String> config = new HashMap<>();
    config.put(AzureBlobConfig.ACCOUNT_NAME_CONFIG, AZURITE_ACCOUNT);
    config.put(AzureBlobConfig.ACCOUNT_KEY_CONFIG, AZURITE_KEY);
    config.put(AzureBlobConfig.ENDPOINT_CONFIG, endpoint);
    config.put(AzureBlobConfig.CONTAINER_NAME_CONFIG, container);
    AzureContainerBackup backup = new AzureContainerBackup(config);
    backup.container.createIfNotExists();
    return backup;
  }

  @Override
  public ObjectSink sink() {
    return (key, bytes) -> {
      synchronized (pending) {
        pending.add(
            uploads.submit(
                () -> container.getBlobClient(key).upload(BinaryData.fromBytes(bytes), true)));
      }
    };
  }

  @Override
  public void awaitWritten() throws IOException {
    List<Future<?>> waiting;
    synchronized (pending) {
      waiting = new ArrayList<>(pending);
      pending.clear();
    }
    for (Future<?> upload : waiting) {
      try {
        upload.get();
      } catch (ExecutionException e) {
        throw new IOException("Uploading the backup to " + describe() + " failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while uploading the backup", e);
      }
    }
  }

  @Override
  public Map<String, String> connectorConfig() {
    return config;
  }

  /** The same configuration with another endpoint (a proxy in front of the store, say). */
  @Override
  public String storeType() {
    return "azblob";
  }

  public Map<String, String> connectorConfig(String endpoint) {
    Map<String, String> copy = new HashMap<>(config);
    copy.put(AzureBlobConfig.ENDPOINT_CONFIG, endpoint);
    return copy;
  }

  public BlobContainerClient container() {
    return container;
  }

  @Override
  public String describe() {
    return "azblob://" + AZURITE_ACCOUNT + "/" + container.getBlobContainerName();
  }

  @Override
  public void close() throws IOException {
    uploads.shutdownNow();
    try {
      uploads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    container.deleteIfExists();
  }
}
