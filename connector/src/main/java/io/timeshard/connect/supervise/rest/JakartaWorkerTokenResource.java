package io.timeshard.connect.supervise.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;

/**
 * {@link WorkerTokenResource} for the workers whose REST server is on jakarta.ws.rs (Kafka 4.x).
 */
@Path(WorkerTokenResource.PATH)
public final class JakartaWorkerTokenResource {

  @GET
  @Produces("text/plain")
  public String token(@Context Configuration configuration) {
    return String.valueOf(configuration.getProperty(WorkerTokenResource.TOKEN_PROPERTY));
  }
}
