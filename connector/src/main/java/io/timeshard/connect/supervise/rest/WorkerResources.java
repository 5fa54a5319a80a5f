package io.timeshard.connect.supervise.rest;

import io.timeshard.connect.supervise.TaskRestartLog;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

/**
 * The task restart extension's resources on the worker's REST API:
 *
 * <ul>
 *   <li>{@code GET /timeshard/worker-token}: the extension's token, so that an extension can tell
 *       which worker id is its own (Connect gives an extension no id, and the port may be chosen at
 *       start);
 *   <li>{@code GET /timeshard/task-restarts/NAME}: the restarts of the connector's tasks that this
 *       worker's extension made since the worker started, for {@code timeshard status}.
 * </ul>
 *
 * <p>The resource class must be in the worker's JAX-RS package: {@code jakarta.ws.rs} from Kafka
 * 4.0 on, {@code javax.ws.rs} before. {@link ConnectRestExtensionContext#configurable()} returns
 * the one or the other, so it is called by reflection, and its return type picks the class. What
 * the resources answer are properties of the worker's REST configuration, not fields: embedded
 * workers share a JVM and so the class, and Jersey registers a resource instance only with a
 * warning. The restarts are written as JSON by the worker's own provider.
 */
public final class WorkerResources {

  static final String ROOT = "/timeshard";
  static final String TOKEN = "worker-token";
  static final String RESTARTS = "task-restarts";
  public static final String TOKEN_PATH = ROOT + "/" + TOKEN;
  public static final String RESTARTS_PATH = ROOT + "/" + RESTARTS;

  static final String TOKEN_PROPERTY = "io.timeshard.connect.supervise.worker-token";
  static final String RESTARTS_PROPERTY = "io.timeshard.connect.supervise.task-restarts";

  private WorkerResources() {}

  /**
   * Registers the resources with the worker's REST server.
   *
   * @throws ReflectiveOperationException when the worker's context is of neither kind
   */
  public static void register(
      ConnectRestExtensionContext context, String token, TaskRestartLog restarts)
      throws ReflectiveOperationException {
    Method configurable = ConnectRestExtensionContext.class.getMethod("configurable");
    Class<?> api = configurable.getReturnType();
    Class<?> resource =
        switch (api.getPackageName()) {
          case "jakarta.ws.rs.core" -> JakartaWorkerResource.class;
          case "javax.ws.rs.core" -> JavaxWorkerResource.class;
          default ->
              throw new ClassNotFoundException("no JAX-RS package known for " + api.getName());
        };
    Object rest = configurable.invoke(context);
    Method property = api.getMethod("property", String.class, Object.class);
    property.invoke(rest, TOKEN_PROPERTY, token);
    property.invoke(rest, RESTARTS_PROPERTY, restarts);
    api.getMethod("register", Class.class).invoke(rest, resource);
  }

  static String token(Object property) {
    return String.valueOf(property);
  }

  static List<Map<String, Object>> restarts(Object property, String connector) {
    return property instanceof TaskRestartLog log ? log.of(connector) : List.of();
  }
}
