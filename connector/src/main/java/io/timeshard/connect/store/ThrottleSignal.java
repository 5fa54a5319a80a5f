package io.timeshard.connect.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells the readers of a store what each attempt of a request says of its load, as the attempt
 * comes back, while the client's own retries back off: a throttling answer (429, 503), or a failed
 * attempt (another server error, a reset connection, a timeout). A store's client reports here; the
 * store hands listeners on from {@link ObjectStore#onThrottled} and {@link
 * ObjectStore#onFailedAttempt}. Thread-safe.
 */
public final class ThrottleSignal {

  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> failureListeners = new CopyOnWriteArrayList<>();

  public void listen(Runnable listener) {
    listeners.add(listener);
  }

  public void listenFailures(Runnable listener) {
    failureListeners.add(listener);
  }

  /** A request was throttled. */
  public void throttled() {
    for (Runnable listener : listeners) {
      listener.run();
    }
  }

  /** An attempt failed without a throttling answer: a server error, a reset, a timeout. */
  public void failed() {
    for (Runnable listener : failureListeners) {
      listener.run();
    }
  }

  /**
   * Reports an answer's status: 429 (Too Many Requests, S3's SlowDown) and 503 (ServerBusy) are
   * throttling; 500, 502 and 504 are failed attempts, which loaded stores answer too.
   */
  public void status(int httpStatus) {
    if (isThrottling(httpStatus)) {
      throttled();
    } else if (isServerError(httpStatus)) {
      failed();
    }
  }

  /** 429 or 503: what Azure, S3 and GCS answer when a client goes faster than they serve. */
  public static boolean isThrottling(int httpStatus) {
    return httpStatus == 429 || httpStatus == 503;
  }

  /** 500, 502 or 504: a server error that a retry may get past. */
  public static boolean isServerError(int httpStatus) {
    return httpStatus == 500 || httpStatus == 502 || httpStatus == 504;
  }
}
