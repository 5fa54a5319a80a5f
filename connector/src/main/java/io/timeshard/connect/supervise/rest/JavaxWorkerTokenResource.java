package io.timeshard.connect.supervise.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;

/** {@link WorkerTokenResource} for the workers whose REST server is on javax.ws.rs (Kafka 3.x). */
@Path(WorkerTokenResource.PATH)
public final class JavaxWorkerTokenResource {

  private final String token;

  public JavaxWorkerTokenResource(String token) {
    this.token = token;
  }

  @GET
  @Produces("text/plain")
  public String token() {
    return token;
  }
}
