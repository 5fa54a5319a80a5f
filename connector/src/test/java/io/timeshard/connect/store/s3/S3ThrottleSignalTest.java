package io.timeshard.connect.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.timeshard.connect.store.ThrottleSignal;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The S3 store reports each throttled attempt while the SDK retries it, so a reader slows down
 * before the retries are spent. Against a local HTTP server that answers 503 SlowDown twice.
 */
class S3ThrottleSignalTest {

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
          byte[] body;
          int status;
          if (requests.incrementAndGet() <= 2) {
            status = 503;
            body =
                "<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
          } else {
            status = 200;
            body = "restored".getBytes(StandardCharsets.UTF_8);
          }
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    S3Config config =
        new S3Config(
            Map.of(
                S3Config.BUCKET_NAME_CONFIG,
                "backups",
                S3Config.REGION_CONFIG,
                "us-east-1",
                S3Config.STORE_URL_CONFIG,
                endpoint,
                S3Config.ACCESS_KEY_ID_CONFIG,
                "id",
                S3Config.SECRET_ACCESS_KEY_CONFIG,
                "secret",
                "s3.retry.backoff.ms",
                "1",
                "s3.retry.max.backoff.ms",
                "10"));
    ThrottleSignal throttling = new ThrottleSignal();
    AtomicInteger throttled = new AtomicInteger();
    AtomicInteger requestsWhenThrottled = new AtomicInteger();
    try (S3ObjectStore store =
        new S3ObjectStore(
            S3StoreProvider.client(config, throttling),
            "backups",
            URI.create(endpoint),
            throttling)) {
      store.onThrottled(
          () -> {
            throttled.incrementAndGet();
            requestsWhenThrottled.set(requests.get());
          });

      try (InputStream in = store.open("topics/t/partition=0/t+0+0000000000.avro")) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("restored");
      }
    }

    assertThat(requests).hasValue(3);
    assertThat(throttled).hasValue(2);
    // Heard of while the client was still retrying, not after.
    assertThat(requestsWhenThrottled).hasValue(2);
  }
}
