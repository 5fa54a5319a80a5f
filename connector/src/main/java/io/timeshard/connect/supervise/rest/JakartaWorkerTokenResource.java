package io.timeshard.connect.supervise.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * {@link WorkerTokenResource} for the workers whose REST server is on jakarta.ws.rs (Kafka 4.x).
 */
@Path(WorkerTokenResource.PATH)
public final class JakartaWorkerTokenResource {

  private final String token;

  public JakartaWorkerTokenResource(String token) {
    this.token = token;
  }

  @GET
  @Produces("text/plain")
  public String token() {
    return token;
  }
}
