package io.timeshard.connect.fetch;

import io.timeshard.connect.store.ObjectNotFoundException;
import io.timeshard.connect.store.StoreAccessDeniedException;
import io.timeshard.connect.store.StoreException;
import io.timeshard.connect.store.StoreReadException;
import io.timeshard.connect.store.StoreUnavailableException;

/**
 * What a failed fetch means, by the kind of failure:
 *
 * <ul>
 *   <li>{@link Kind#TRANSIENT}: the store broke off while sending the bytes (a reset, a read that
 *       timed out), or kept failing through its client's retries (throttling, 5xx, connections
 *       refused or reset): the read is tried again, from the record it reached, with a back-off,
 *       for as long as reads succeed now and then ({@code restore.store.unavailable.timeout.ms});
 *   <li>{@link Kind#UNFETCHABLE}: the store refused the request (403), the object is gone, or no
 *       read succeeded for {@code restore.store.unavailable.timeout.ms}: the task fails, whatever
 *       {@code behavior.on.error} says, since skipping would lose data that is there;
 *   <li>{@link Kind#UNDECODABLE}: the bytes arrived and do not decode: never fetched again; {@code
 *       behavior.on.error=ignore} skips the rest of the object.
 * </ul>
 */
public final class FetchFailure {

  /** The kinds of failure, see {@link FetchFailure}. */
  public enum Kind {
    TRANSIENT,
    UNFETCHABLE,
    UNDECODABLE
  }

  private FetchFailure() {}

  public static Kind classify(Throwable failure) {
    boolean store = false;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ObjectNotFoundException
          || t instanceof StoreAccessDeniedException
          || t instanceof StoreUnavailableException) {
        return Kind.UNFETCHABLE;
      }
      store |= t instanceof StoreReadException || t instanceof StoreException;
    }
    return store ? Kind.TRANSIENT : Kind.UNDECODABLE;
  }

  /**
   * True when the failure is the store being gone ({@code restore.store.unavailable.timeout.ms}
   * passed): the one kind a restart of the task's reads can mend.
   */
  public static boolean isStoreUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StoreUnavailableException) {
        return true;
      }
    }
    return false;
  }

  /** What to check, for the message of a task that fails on an object it could not fetch. */
  public static String whatToCheck(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StoreAccessDeniedException) {
        return "the credentials can list the backup but not read this object: grant read access"
            + " to objects (Azure: the Storage Blob Data Reader role or a SAS token with the r"
            + " permission; S3: s3:GetObject; GCS: storage.objects.get), then restart the task";
      }
      if (t instanceof ObjectNotFoundException) {
        return "the object was deleted after the restore was planned (a retention policy or a"
            + " sink rewriting it?): restart the task to plan again";
      }
    }
    return "the store is reachable from the worker and answers (network, DNS, firewall, the"
        + " store's own status); reads were retried until none had succeeded for"
        + " restore.store.unavailable.timeout.ms, and the task resumes from its committed offsets"
        + " when it restarts";
  }
}
