package io.timeshard.connect.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's first request, sent when it opens so that wrong settings show at once: refused
 * credentials and a missing container fail the open, with the key to fix. A store that is only
 * loaded or unreachable right now does not: the open goes on with a WARN, and the restore's reads
 * and listings retry until {@code restore.store.unavailable.timeout.ms} passes without a successful
 * one. A worker that starts while its store throttles still restores.
 */
public final class FirstRequest {

  private static final Logger log = LoggerFactory.getLogger(FirstRequest.class);

  private FirstRequest() {}

  /** Runs {@code request} against {@code store}; fails only for a reason that will not pass. */
  public static void send(ObjectStore store, Runnable request) {
    try {
      request.run();
    } catch (ObjectNotFoundException | StoreAccessDeniedException refused) {
      throw refused;
    } catch (StoreException e) {
      log.warn(
          "{} did not answer its first request: {}. Going on: reads and listings retry until"
              + " none has succeeded for restore.store.unavailable.timeout.ms",
          store.describe(),
          e.getMessage());
    }
  }
}
