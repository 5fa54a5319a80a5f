package io.timeshard.connect.it;

import org.junit.jupiter.api.BeforeAll;

/** {@link WorkerFailures} on three workers with exactly-once source support. */
class ExactlyOnceWorkerFailureIT extends WorkerFailures {

  ExactlyOnceWorkerFailureIT() {
    super(true);
  }

  @BeforeAll
  static void start() throws Exception {
    startCluster("exactly-once-worker-failure-it", true);
  }
}
