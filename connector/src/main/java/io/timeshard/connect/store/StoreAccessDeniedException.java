package io.timeshard.connect.store;

/** The store refused the credentials. Not retried: a wrong key does not get better. */
public class StoreAccessDeniedException extends StoreException {

  private static final long serialVersionUID = 1L;

  public StoreAccessDeniedException(String message) {
    super(message);
  }

  public StoreAccessDeniedException(String message, Throwable cause) {
    super(message, cause);
  }
}
