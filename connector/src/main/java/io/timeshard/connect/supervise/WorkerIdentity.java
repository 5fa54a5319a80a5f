package io.timeshard.connect.supervise;

import io.timeshard.connect.supervise.rest.WorkerResources;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether a worker id that a task's status names is this worker's own.
 *
 * <p>Connect tells an extension neither its worker's id nor, when the worker listens on port 0, its
 * port. Each extension therefore answers a token of its own at {@link WorkerResources}, and asks
 * the address a worker id names for its token: its own token back means this worker. What it learns
 * holds for the worker's life, as a worker's id does.
 */
final class WorkerIdentity {

  enum Answer {
    /** The id's address answered this extension's token. */
    THIS_WORKER,
    /** The id's address answered another extension's token. */
    ANOTHER_WORKER,
    /** Nothing answered at the id's address: a worker that is gone. */
    NO_ANSWER,
    /** An answer without a token: no extension there, or the REST API wants credentials. */
    UNKNOWN
  }

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final String token;
  private final String scheme;
  private final HttpClient http;
  private String self;
  private final Set<String> others = new HashSet<>();

  /**
   * @param token what this worker's {@link WorkerResources} answers
   * @param scheme {@code http} or {@code https}, as the workers' REST listeners
   * @param http the extension's HTTP client
   */
  WorkerIdentity(String token, String scheme, HttpClient http) {
    this.token = token;
    this.scheme = scheme;
    this.http = http;
  }

  synchronized Answer of(String workerId) {
    if (workerId == null || workerId.isBlank()) {
      return Answer.UNKNOWN;
    }
    if (workerId.equals(self)) {
      return Answer.THIS_WORKER;
    }
    if (others.contains(workerId)) {
      return Answer.ANOTHER_WORKER;
    }
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(scheme + "://" + workerId + WorkerResources.TOKEN_PATH))
                  .timeout(REQUEST_TIMEOUT)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return Answer.UNKNOWN;
      }
      if (token.equals(response.body().trim())) {
        self = workerId;
        return Answer.THIS_WORKER;
      }
      others.add(workerId);
      return Answer.ANOTHER_WORKER;
    } catch (IOException e) {
      return Answer.NO_ANSWER;
    } catch (IllegalArgumentException e) {
      return Answer.UNKNOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.UNKNOWN;
    }
  }
}
