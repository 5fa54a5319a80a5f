package io.timeshard.connect.store;

/** The object, or the container itself, does not exist. */
public class ObjectNotFoundException extends StoreException {

  private static final long serialVersionUID = 1L;

  public ObjectNotFoundException(String message) {
    super(message);
  }

  public ObjectNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
