package io.timeshard.connect.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.timeshard.connect.supervise.WorkerIdentity.Answer;
import io.timeshard.connect.supervise.rest.WorkerResources;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which worker id is this worker's, asked of real HTTP servers standing for the workers. */
class WorkerIdentityTest {

  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** This worker's identity: its extension's token is "token-a". */
  private static WorkerIdentity identity() {
    return new WorkerIdentity("token-a", "http", HttpClient.newHttpClient());
  }

  /** A worker at 127.0.0.1 whose extension answers {@code token}, or none when it is null. */
  private String worker(String token) throws IOException {
    return worker(0, token);
  }

  private String worker(int port, String token) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext(
        WorkerResources.TOKEN_PATH,
        exchange -> {
          byte[] body = (token == null ? "" : token + "\n").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(
              token == null ? 404 : 200, body.length == 0 ? -1 : body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void itsOwnTokenBackMeansThisWorkerAndStaysKnownForTheWorkersLife() throws IOException {
    WorkerIdentity identity = identity();
    String id = worker("token-a");

    assertThat(identity.of(id)).isEqualTo(Answer.THIS_WORKER);
    server.stop(0);
    assertThat(identity.of(id)).isEqualTo(Answer.THIS_WORKER);
  }

  @Test
  void anotherTokenMeansAnotherWorker() throws IOException {
    WorkerIdentity identity = identity();
    String id = worker("token-b");

    assertThat(identity.of(id)).isEqualTo(Answer.ANOTHER_WORKER);
    server.stop(0);
    assertThat(identity.of(id)).isEqualTo(Answer.ANOTHER_WORKER);
  }

  @Test
  void aWorkerWithoutTheExtensionIsUnknown() throws IOException {
    WorkerIdentity identity = identity();
    String id = worker(null);
    assertThat(identity.of(id)).isEqualTo(Answer.UNKNOWN);
    assertThat(identity.of(null)).isEqualTo(Answer.UNKNOWN);
  }

  @Test
  void nothingListeningAtTheAddressIsNoAnswer() throws IOException {
    WorkerIdentity identity = identity();
    int free;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      free = socket.getLocalPort();
    }
    assertThat(identity.of("127.0.0.1:" + free)).isEqualTo(Answer.NO_ANSWER);
  }

  @Test
  void anUnknownAnswerIsAskedAgainNextTime() throws IOException {
    WorkerIdentity identity = identity();
    String id = worker(null);
    assertThat(identity.of(id)).isEqualTo(Answer.UNKNOWN);
    int port = server.getAddress().getPort();
    server.stop(0);

    // The same address, now with the extension answering: a worker that finished starting.
    worker(port, "token-a");
    assertThat(identity.of(id)).isEqualTo(Answer.THIS_WORKER);
  }
}
