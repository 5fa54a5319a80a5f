package io.timeshard.connect.supervise.rest;

import java.lang.reflect.Method;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

/**
 * {@code GET /timeshard/worker-token}: the token of the worker's task restart extension, so that an
 * extension can tell which worker id is its own (Connect gives an extension no id, and the port may
 * be chosen at start).
 *
 * <p>The resource class must be in the worker's JAX-RS package: {@code jakarta.ws.rs} from Kafka
 * 4.0 on, {@code javax.ws.rs} before. {@link ConnectRestExtensionContext#configurable()} returns
 * the one or the other, so it is called by reflection, and its return type picks the class. The
 * token is a property of the worker's REST configuration, not a field: embedded workers share a JVM
 * and so the class, and Jersey registers a resource instance only with a warning.
 */
public final class WorkerTokenResource {

  public static final String PATH = "/timeshard/worker-token";

  /** The REST configuration's property that holds the worker's token. */
  static final String TOKEN_PROPERTY = "io.timeshard.connect.supervise.worker-token";

  private WorkerTokenResource() {}

  /**
   * Registers the resource that answers {@code token} with the worker's REST server.
   *
   * @throws ReflectiveOperationException when the worker's context is of neither kind
   */
  public static void register(ConnectRestExtensionContext context, String token)
      throws ReflectiveOperationException {
    Method configurable = ConnectRestExtensionContext.class.getMethod("configurable");
    Class<?> api = configurable.getReturnType();
    Class<?> resource =
        switch (api.getPackageName()) {
          case "jakarta.ws.rs.core" -> JakartaWorkerTokenResource.class;
          case "javax.ws.rs.core" -> JavaxWorkerTokenResource.class;
          default ->
              throw new ClassNotFoundException("no JAX-RS package known for " + api.getName());
        };
    Object rest = configurable.invoke(context);
    api.getMethod("property", String.class, Object.class).invoke(rest, TOKEN_PROPERTY, token);
    api.getMethod("register", Class.class).invoke(rest, resource);
  }
}
