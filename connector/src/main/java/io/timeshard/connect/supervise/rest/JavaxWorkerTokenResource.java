package io.timeshard.connect.supervise.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Configuration;
import javax.ws.rs.core.Context;

/** {@link WorkerTokenResource} for the workers whose REST server is on javax.ws.rs (Kafka 3.x). */
@Path(WorkerTokenResource.PATH)
public final class JavaxWorkerTokenResource {

  @GET
  @Produces("text/plain")
  public String token(@Context Configuration configuration) {
    return String.valueOf(configuration.getProperty(WorkerTokenResource.TOKEN_PROPERTY));
  }
}
