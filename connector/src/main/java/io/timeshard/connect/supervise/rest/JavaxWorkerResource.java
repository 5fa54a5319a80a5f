package io.timeshard.connect.supervise.rest;

import java.util.List;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Configuration;
import javax.ws.rs.core.Context;

/** {@link WorkerResources} for the workers whose REST server is on javax.ws.rs (Kafka 3.x). */
@Path(WorkerResources.ROOT)
public final class JavaxWorkerResource {

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
