package io.timeshard.connect.store.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.timeshard.connect.store.ObjectNotFoundException;
import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.StoreAccessDeniedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider's own client (not an injected one) over HTTP, against a stand-in for the JSON API on
 * 127.0.0.1 that answers bucket listings: it shows the client is built and wired with the endpoint,
 * retries and error mapping, which the in-memory storage cannot.
 */
class GcsStoreProviderTest {

  private HttpServer server;
  private final AtomicInteger flakyRequests = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getQuery();
    if (query != null && query.contains("alt=media")) {
      if (path.endsWith("/o/present.bin")) {
        sendBytes(exchange, "the object's bytes".getBytes(StandardCharsets.UTF_8));
      } else {
        send(exchange, 404, error(404, "notFound", "No such object."));
      }
    } else if (path.contains("/b/missing/")) {
      send(exchange, 404, error(404, "notFound", "The specified bucket does not exist."));
    } else if (path.contains("/b/denied/")) {
      send(exchange, 403, error(403, "forbidden", "Permission denied."));
    } else if (path.contains("/b/flaky/") && flakyRequests.incrementAndGet() <= 2) {
      send(exchange, 503, error(503, "backendError", "Try again."));
    } else {
      send(exchange, 200, "{\"kind\":\"storage#objects\"}");
    }
  }

  private static String error(int code, String reason, String message) {
    return String.format(
        "{\"error\":{\"code\":%d,\"message\":\"%s\",\"errors\":[{\"reason\":\"%s\",\"message\":\"%s\"}]}}",
        code, message, reason, message);
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private static void sendBytes(HttpExchange exchange, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private Map<String, String> props(String bucket) {
    return Map.of(
        "gcs.bucket.name", bucket,
        "gcs.endpoint", "http://127.0.0.1:" + server.getAddress().getPort(),
        "gcs.retry.backoff.ms", "10",
        "gcs.retry.max.backoff.ms", "50",
        "gcs.request.timeout.ms", "5000");
  }

  @Test
  void transientFailuresAreRetried() {
    try (ObjectStore store = new GcsStoreProvider().create(props("flaky"))) {
      assertThat(store.describe()).isEqualTo("gs://flaky");
    }
    assertThat(flakyRequests.get()).isEqualTo(3);
  }

  @Test
  void readsAnObjectOverHttp() throws IOException {
    try (ObjectStore store = new GcsStoreProvider().create(props("backups"))) {
      try (var in = store.open("present.bin")) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo("the object's bytes");
      }
      assertThatThrownBy(() -> store.open("absent.bin"))
          .isInstanceOf(ObjectNotFoundException.class)
          .hasMessageContaining("absent.bin");
    }
  }

  @Test
  void aMissingBucketIsNamed() {
    assertThatThrownBy(() -> new GcsStoreProvider().create(props("missing")))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining("'missing'");
  }

  @Test
  void refusedCredentialsAreNotRetried() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> new GcsStoreProvider().create(props("denied")))
        .isInstanceOf(StoreAccessDeniedException.class)
        .hasMessageContaining("gs://denied");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
  }
}
