package io.timeshard.connect.it;

import org.junit.jupiter.api.BeforeAll;

/** {@link WorkerFailures} on three workers without exactly-once source support. */
class AtLeastOnceWorkerFailureIT extends WorkerFailures {

  AtLeastOnceWorkerFailureIT() {
    super(false);
  }

  @BeforeAll
  static void start() throws Exception {
    startCluster("at-least-once-worker-failure-it", false);
  }
}
