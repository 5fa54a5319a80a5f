package io.timeshard.connect.testing;

import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import io.timeshard.connect.store.testing.AzuriteExtension;
import io.timeshard.fixtures.ObjectSink;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A backup in an Azurite container: the objects a {@link io.timeshard.fixtures.BackupWriter} puts
 * are kept until {@link #upload()} sends them to the container on a few threads, straight to
 * Azurite (never through a fault-injecting proxy).
 */
public final class AzuriteBackup implements ObjectSink {

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
    ParallelUpload.run(
        pending,
        (key, bytes) -> container.getBlobClient(key).upload(BinaryData.fromBytes(bytes), true),
        "Azurite");
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
