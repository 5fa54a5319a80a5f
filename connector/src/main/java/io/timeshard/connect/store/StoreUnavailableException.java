package io.timeshard.connect.store;

/**
 * No read from a store succeeded for {@code restore.store.unavailable.timeout.ms} while reads kept
 * failing: the store is gone, not merely loaded, and the task stops waiting for it.
 */
public class StoreUnavailableException extends StoreException {

  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
