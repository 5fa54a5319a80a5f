package io.timeshard.connect.store;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * A store could not do what was asked. The message names the container and, where there is one, the
 * object key; it never holds a credential.
 */
public class StoreException extends ConnectException {

  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
