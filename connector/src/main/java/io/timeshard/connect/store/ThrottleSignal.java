package io.timeshard.connect.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells the readers of a store that it answered a request with a throttling status, as each attempt
 * comes back, while the client's own retries back off. A store's client reports here; the store
 * hands listeners on from {@link ObjectStore#onThrottled}. Thread-safe.
 */
public final class ThrottleSignal {

  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  public void listen(Runnable listener) {
    listeners.add(listener);
  }

  /** A request was throttled. */
  public void throttled() {
    for (Runnable listener : listeners) {
      listener.run();
    }
  }

  /**
   * Reports an answer that says the store is loaded: 429 (Too Many Requests, S3's SlowDown), 503
   * (ServerBusy), or another server error (500, 502, 504), which loaded stores answer too.
   */
  public void status(int httpStatus) {
    if (isThrottling(httpStatus)) {
      throttled();
    }
  }

  /** 429 or a 5xx: what Azure, S3 and GCS answer when a client goes faster than they serve. */
  public static boolean isThrottling(int httpStatus) {
    return httpStatus == 429 || (httpStatus >= 500 && httpStatus <= 504 && httpStatus != 501);
  }
}
