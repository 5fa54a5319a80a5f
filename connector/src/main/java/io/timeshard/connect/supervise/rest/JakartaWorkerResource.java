package io.timeshard.connect.supervise.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import java.util.List;
import java.util.Map;

/** {@link WorkerResources} for the workers whose REST server is on jakarta.ws.rs (Kafka 4.x). */
@Path(WorkerResources.ROOT)
public final class JakartaWorkerResource {

  @GET
  @Path(WorkerResources.TOKEN)
  @Produces("text/plain")
  public String token(@Context Configuration configuration) {
    return WorkerResources.token(configuration.getProperty(WorkerResources.TOKEN_PROPERTY));
  }

  @GET
  @Path(WorkerResources.RESTARTS + "/{connector}")
  @Produces("application/json")
  public List<Map<String, Object>> restarts(
      @PathParam("connector") String connector, @Context Configuration configuration) {
    return WorkerResources.restarts(
        configuration.getProperty(WorkerResources.RESTARTS_PROPERTY), connector);
  }
}
