package io.timeshard.connect.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/** Embedded KRaft brokers and Connect workers for the integration tests. */
public final class ConnectClusters {

  private ConnectClusters() {}

  /**
   * One broker and {@code workers} workers; plugins come from {@code META-INF/services}, which
   * starts far faster than a class-path scan.
   */
  public static EmbeddedConnectCluster start(String name, int workers, Map<String, String> extra) {
    return start(name, workers, extra, Map.of());
  }

  /** As above, with broker properties of the test's own on top of the defaults. */
  public static EmbeddedConnectCluster start(
      String name, int workers, Map<String, String> extra, Map<String, String> brokerExtra) {
    Properties brokerProps = new Properties();
    brokerProps.put("listeners", "EXTERNAL://127.0.0.1:0,CONTROLLER://127.0.0.1:0");
    brokerProps.put("transaction.state.log.replication.factor", "1");
    brokerProps.put("transaction.state.log.min.isr", "1");
    brokerProps.putAll(brokerExtra);
    Map<String, String> workerProps = new HashMap<>();
    workerProps.put("plugin.discovery", "service_load");
    workerProps.put("offset.flush.interval.ms", "1000");
    workerProps.putAll(extra);
    EmbeddedConnectCluster cluster =
        new EmbeddedConnectCluster.Builder()
            .name(name)
            .numWorkers(workers)
            .numBrokers(1)
            .brokerProps(brokerProps)
            .workerProps(workerProps)
            .build();
    cluster.start();
    return cluster;
  }

  public static EmbeddedConnectCluster start(String name, int workers) {
    return start(name, workers, Map.of());
  }
}
