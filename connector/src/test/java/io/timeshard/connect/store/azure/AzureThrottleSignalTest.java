package io.timeshard.connect.store.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.sun.net.httpserver.HttpServer;
import io.timeshard.connect.store.ThrottleSignal;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Azure client reports each throttled attempt (503 ServerBusy) while its retry policy repeats
 * it, so a reader slows down before the retries are spent. Against a local HTTP server that answers
 * ServerBusy twice.
 */
class AzureThrottleSignalTest {

  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void reportsEveryThrottledAttemptBeforeTheRetrySucceeds() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          if (requests.incrementAndGet() <= 2) {
            exchange.getResponseHeaders().add("x-ms-error-code", "ServerBusy");
            exchange.sendResponseHeaders(503, -1);
          } else {
            exchange.getResponseHeaders().add("ETag", "\"1\"");
            exchange.sendResponseHeaders(200, -1);
          }
          exchange.close();
        });
    server.start();
    AzureBlobConfig config =
        new AzureBlobConfig(
            Map.of(
                AzureBlobConfig.ACCOUNT_NAME_CONFIG,
                "devstoreaccount1",
                AzureBlobConfig.ACCOUNT_KEY_CONFIG,
                Base64.getEncoder().encodeToString(new byte[32]),
                AzureBlobConfig.CONTAINER_NAME_CONFIG,
                "backups",
                AzureBlobConfig.ENDPOINT_CONFIG,
                "http://127.0.0.1:" + server.getAddress().getPort() + "/devstoreaccount1",
                "azblob.retry.backoff.ms",
                "1",
                "azblob.retry.max.backoff.ms",
                "10"));
    ThrottleSignal throttling = new ThrottleSignal();
    AtomicInteger throttled = new AtomicInteger();
    AtomicInteger requestsWhenThrottled = new AtomicInteger();
    throttling.listen(
        () -> {
          throttled.incrementAndGet();
          requestsWhenThrottled.set(requests.get());
        });
    BlobContainerClient container =
        AzureBlobStoreProvider.containerClient(
            config, AzureBlobStoreProvider.httpClient(config), throttling);

    assertThat(container.exists()).isTrue();

    assertThat(requests).hasValue(3);
    assertThat(throttled).hasValue(2);
    // Heard of while the client was still retrying, not after.
    assertThat(requestsWhenThrottled).hasValue(2);
  }
}
