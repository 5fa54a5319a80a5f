package io.timeshard.connect.store.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpClientProvider;
import com.azure.core.http.jdk.httpclient.JdkHttpClientProvider;
import com.azure.core.http.netty.NettyAsyncHttpClientProvider;
import com.azure.core.util.BinaryData;
import com.azure.core.util.HttpClientOptions;
import com.azure.storage.blob.BlobContainerClient;
import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.testing.AzuriteExtension;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Compares the Azure SDK's netty and JDK HTTP clients on the per-object cost that dominates a
 * restore of small objects: sequential uploads and downloads of small blobs against Azurite. Off by
 * default; run with
 *
 * <pre>
 * ./mvnw -B -pl connector -am verify -Dtimeshard.bench.azure=1000 -Dit.test=AzureHttpClientBenchmarkIT \
 *     -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "timeshard.bench.azure", matches = "\\d+")
class AzureHttpClientBenchmarkIT {

  @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();

  @Test
  void compareHttpClients() throws IOException {
    int blobs = Integer.parseInt(System.getProperty("timeshard.bench.azure"));
    // Warm both up (class loading, JIT, connection pools), then alternate to spread any drift.
    run(JdkHttpClientProvider.class, "warmup-jdk", 200);
    run(NettyAsyncHttpClientProvider.class, "warmup-netty", 200);
    for (int round = 1; round <= 2; round++) {
      report(round, "jdk", run(JdkHttpClientProvider.class, "jdk-" + round, blobs));
      report(round, "netty", run(NettyAsyncHttpClientProvider.class, "netty-" + round, blobs));
    }
  }

  private static void report(int round, String client, long[] millis) {
    System.out.printf(
        "azure-http-client round=%d client=%-5s upload=%d ms download=%d ms list=%d ms%n",
        round, client, millis[0], millis[1], millis[2]);
  }

  private static long[] run(Class<? extends HttpClientProvider> provider, String name, int blobs)
      throws IOException {
    AzureBlobConfig config =
        new AzureBlobConfig(
            Map.of(
                AzureBlobConfig.ACCOUNT_NAME_CONFIG,
                AzuriteExtension.ACCOUNT,
                AzureBlobConfig.ACCOUNT_KEY_CONFIG,
                AzuriteExtension.KEY,
                AzureBlobConfig.ENDPOINT_CONFIG,
                AZURITE.endpoint(),
                AzureBlobConfig.CONTAINER_NAME_CONFIG,
                "bench-" + name));
    HttpClient http =
        HttpClient.createDefault(new HttpClientOptions().setHttpClientProvider(provider));
    BlobContainerClient container = AzureBlobStoreProvider.containerClient(config, http);
    container.create();
    byte[] payload = new byte[1024];
    long start = System.nanoTime();
    for (int i = 0; i < blobs; i++) {
      container.getBlobClient(key(i)).upload(BinaryData.fromBytes(payload));
    }
    long upload = System.nanoTime() - start;
    long read = 0;
    try (ObjectStore store = new AzureBlobObjectStore(container, "account key")) {
      start = System.nanoTime();
      for (int i = 0; i < blobs; i++) {
        try (InputStream in = store.open(key(i))) {
          read += in.readAllBytes().length;
        }
      }
      long download = System.nanoTime() - start;
      start = System.nanoTime();
      int listed = 0;
      String token = null;
      do {
        var page = store.list("topics/", null, token);
        listed += page.objects().size();
        token = page.nextPageToken();
      } while (token != null);
      long list = System.nanoTime() - start;
      assertThat(listed).isEqualTo(blobs);
      assertThat(read).isEqualTo((long) blobs * payload.length);
      container.delete();
      return new long[] {upload / 1_000_000, download / 1_000_000, list / 1_000_000};
    }
  }

  private static String key(int i) {
    return String.format("topics/t/partition=0/t+0+%010d.bin", i);
  }
}
