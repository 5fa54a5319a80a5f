package io.timeshard.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The extension's restarts, asked of a real HTTP server standing for a worker. */
class ConnectRestTest {

  private HttpServer worker;

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.stop(0);
    }
  }

  @Test
  void asksTheWorkerAtTheAddressItsIdNamesForTheConnectorsRestarts() throws Exception {
    worker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String[] asked = new String[1];
    worker.createContext(
        "/timeshard/task-restarts/",
        exchange -> {
          asked[0] = exchange.getRequestURI().getRawPath();
          byte[] body =
              "[{\"task\":1,\"time\":\"2026-12-07T02:15:33Z\",\"failed_on\":\"w\",\"by_that_worker\":true,\"cause\":\"c\"}]"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    worker.start();
    String id = "127.0.0.1:" + worker.getAddress().getPort();

    var restarts =
        new ConnectRest("http://connect.example:8083").extensionRestarts(id, "my restore");

    assertThat(asked[0]).isEqualTo("/timeshard/task-restarts/my%20restore");
    assertThat(restarts)
        .hasValueSatisfying(r -> assertThat(r.get(0).path("task").asInt()).isEqualTo(1));
  }

  @Test
  void aWorkerThatDoesNotAnswerGivesNothing() throws Exception {
    int free;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      free = socket.getLocalPort();
    }
    worker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    worker.start();
    ConnectRest rest = new ConnectRest("http://connect.example:8083");

    assertThat(rest.extensionRestarts("127.0.0.1:" + free, "restore")).isEmpty();
    // A worker without the extension answers 404.
    assertThat(rest.extensionRestarts("127.0.0.1:" + worker.getAddress().getPort(), "restore"))
        .isEmpty();
  }
}
