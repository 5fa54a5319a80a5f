package io.timeshard.connect.testing;

import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import io.timeshard.connect.store.testing.AzuriteExtension;
import io.timeshard.fixtures.ObjectSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A backup in an Azurite container: the objects a {@link io.timeshard.fixtures.BackupWriter} puts
 * are kept until {@link #upload()} sends them to the container on a few threads, straight to
 * Azurite (never through a fault-injecting proxy).
 */
public final class AzuriteBackup implements ObjectSink {

  private static final int UPLOAD_THREADS = 8;

  private final BlobContainerClient container;
  private final Map<String, byte[]> pending = new LinkedHashMap<>();
  private int uploaded;

  private AzuriteBackup(BlobContainerClient container) {
    this.container = container;
  }

  /** Creates {@code container} in the Azurite at {@code endpoint}, with Azurite's account. */
  public static AzuriteBackup create(String endpoint, String container) {
    BlobContainerClient client =
        new BlobContainerClientBuilder()
            .endpoint(endpoint)
            .credential(
                new StorageSharedKeyCredential(AzuriteExtension.ACCOUNT, AzuriteExtension.KEY))
            .httpClient(new NettyAsyncHttpClientBuilder().build())
            .containerName(container)
            .buildClient();
    client.create();
    return new AzuriteBackup(client);
  }

  @Override
  public void put(String key, byte[] bytes) {
    pending.put(key, bytes);
  }

  /** Uploads the objects put since the last upload; returns how many the container now holds. */
  public int upload() throws InterruptedException {
    ExecutorService threads = Executors.newFixedThreadPool(UPLOAD_THREADS);
    try {
      List<Future<?>> uploads = new ArrayList<>();
      for (Map.Entry<String, byte[]> object : pending.entrySet()) {
        uploads.add(
            threads.submit(
                () ->
                    container
                        .getBlobClient(object.getKey())
                        .upload(BinaryData.fromBytes(object.getValue()), true)));
      }
      for (Future<?> upload : uploads) {
        upload.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot upload the backup to Azurite", e.getCause());
    } finally {
      threads.shutdownNow();
    }
    uploaded += pending.size();
    pending.clear();
    return uploaded;
  }

  public String name() {
    return container.getBlobContainerName();
  }

  /** Objects uploaded so far. */
  public int objects() {
    return uploaded;
  }
}
