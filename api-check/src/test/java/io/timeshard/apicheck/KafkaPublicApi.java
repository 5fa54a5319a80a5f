package io.timeshard.apicheck;

import java.util.List;

/**
 * The one list of the Kafka classes the project may use: the packages Kafka documents as public API
 * for connectors, transforms and clients (its Javadoc and KIPs), each with the jar its public
 * classes live in. A class must be in a listed package and come from that package's jar: {@code
 * org.apache.kafka.connect.storage} and {@code org.apache.kafka.connect.util}, for example, also
 * hold the worker's own internals, in {@code connect-runtime}. Packages are matched exactly, so
 * {@code org.apache.kafka.clients.consumer.internals} is not in by being under a listed package.
 */
final class KafkaPublicApi {

  /** A public package, the jars its public classes come from, and why the project uses it. */
  record Package(String name, List<String> artifacts, String why) {}

  /**
   * A library packaged with the plugin that references Kafka outside the public API, accepted for
   * the reason given. Each must still match a reference, or it is stale and the check says so.
   */
  record LibraryException(String jarPrefix, String kafkaPackage, String why) {}

  private static final List<String> CONNECT_API = List.of("connect-api");
  private static final List<String> CLIENTS = List.of("kafka-clients");

  static final List<Package> PUBLIC =
      List.of(
          new Package(
              "org.apache.kafka.connect.connector",
              CONNECT_API,
              "Connector, Task, ConnectRecord, ConnectorContext: the connector API"),
          new Package(
              "org.apache.kafka.connect.source",
              CONNECT_API,
              "SourceConnector, SourceTask, SourceRecord, exactly-once support"),
          new Package(
              "org.apache.kafka.connect.sink", CONNECT_API, "SinkRecord, which the SMTs handle"),
          new Package("org.apache.kafka.connect.data", CONNECT_API, "Connect's data model"),
          new Package("org.apache.kafka.connect.errors", CONNECT_API, "Connect's exceptions"),
          new Package("org.apache.kafka.connect.header", CONNECT_API, "record headers"),
          new Package(
              "org.apache.kafka.connect.storage",
              CONNECT_API,
              "Converter, HeaderConverter, the String and Simple header converters, the offset"
                  + " reader"),
          new Package(
              "org.apache.kafka.connect.transforms",
              List.of("connect-api", "connect-transforms"),
              "Transformation; Kafka's own transforms are plugins named by class"),
          new Package(
              "org.apache.kafka.connect.transforms.predicates",
              List.of("connect-api", "connect-transforms"),
              "Predicate, for TimestampInWindow"),
          new Package(
              "org.apache.kafka.connect.transforms.field",
              List.of("connect-transforms"),
              "nested field paths (KIP-821)"),
          new Package("org.apache.kafka.connect.util", CONNECT_API, "ConnectorUtils"),
          new Package("org.apache.kafka.connect.components", CONNECT_API, "Versioned"),
          new Package("org.apache.kafka.connect.health", CONNECT_API, "REST extensions"),
          new Package("org.apache.kafka.connect.rest", CONNECT_API, "REST extensions"),
          new Package(
              "org.apache.kafka.common",
              CLIENTS,
              "TopicPartition, KafkaFuture, Configurable and the other client data classes"),
          new Package(
              "org.apache.kafka.common.config",
              CLIENTS,
              "AbstractConfig, ConfigDef, ConfigException, ConfigResource, config providers'"
                  + " transformer"),
          new Package("org.apache.kafka.common.config.types", CLIENTS, "Password"),
          new Package(
              "org.apache.kafka.common.config.provider",
              CLIENTS,
              "the file, directory and environment config providers (KIP-297, KIP-887)"),
          new Package("org.apache.kafka.common.errors", CLIENTS, "the clients' exceptions"),
          new Package("org.apache.kafka.common.header", CLIENTS, "consumer record headers"),
          new Package(
              "org.apache.kafka.common.serialization", CLIENTS, "serializers and deserializers"),
          new Package("org.apache.kafka.clients.admin", CLIENTS, "the Admin client"),
          new Package("org.apache.kafka.clients.consumer", CLIENTS, "the consumer"),
          new Package("org.apache.kafka.clients.producer", CLIENTS, "the producer"));

  static final List<LibraryException> LIBRARY_EXCEPTIONS =
      List.of(
          new LibraryException(
              "apicurio-registry-utils-converter-",
              "org.apache.kafka.common.cache",
              "Apicurio's AvroData, the Avro <-> Connect conversion the plugin uses, keeps its"
                  + " schema caches in Kafka's Cache, LRUCache and SynchronizedCache, unchanged"
                  + " since Kafka 0.10; every worker version PluginPackagingIT runs restores Avro"
                  + " through it"),
          new LibraryException(
              "apicurio-registry-utils-converter-",
              "org.apache.kafka.connect.json",
              "Apicurio's ExtJsonConverter, a converter of its own that the plugin never loads"));

  private KafkaPublicApi() {}
}
