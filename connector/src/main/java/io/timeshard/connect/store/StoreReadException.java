package io.timeshard.connect.store;

import java.io.IOException;

/**
 * Reading an object's bytes failed after the store had answered: a connection reset or a read that
 * timed out in the middle of the body. Transient: the read may be tried again from where it broke.
 */
public class StoreReadException extends IOException {

  private static final long serialVersionUID = 1L;

  public StoreReadException(String message, Throwable cause) {
    super(message, cause);
  }
}
