package io.timeshard.connect.fetch;

import io.timeshard.connect.store.ObjectNotFoundException;
import io.timeshard.connect.store.StoreAccessDeniedException;
import io.timeshard.connect.store.StoreException;
import io.timeshard.connect.store.StoreReadException;

/**
 * What a failed fetch means, by the kind of failure:
 *
 * <ul>
 *   <li>{@link Kind#TRANSIENT}: the store broke off while sending the bytes (a reset, a read that
 *       timed out): fetched again from the record it reached, within the store's retry policy;
 *   <li>{@link Kind#UNFETCHABLE}: the store refused the request (403), the object is gone, or the
 *       store kept failing (throttling, 5xx) through all the retries its client made with that same
 *       policy: the task fails, whatever {@code behavior.on.error} says, since skipping would lose
 *       data that is there;
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
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StoreReadException) {
        return Kind.TRANSIENT;
      }
      if (t instanceof StoreException) {
        return Kind.UNFETCHABLE;
      }
    }
    return Kind.UNDECODABLE;
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
    return "the store kept failing through every retry (throttling or server errors): raise"
        + " <store>.retry.retries and <store>.retry.max.backoff.ms (azblob., s3. or gcs.), or lower"
        + " restore.fetch.concurrency, then restart the task";
  }
}
