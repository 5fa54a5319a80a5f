package io.timeshard.benchmarks;

import io.timeshard.connect.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Scenario B's Connect limit: a source connector whose tasks hand out records made before they
 * start, one Kafka partition a task, with no store, no decoding and nothing kept in between. What
 * it reaches is what Connect's own per-record path (the converter, the offsets, the producer)
 * allows on this machine with the same settings as a restore; the restore's distance to it is what
 * the restore adds.
 *
 * <p>Values are Scenario B's events, cycled through {@link #VALUES} of them as the producers do:
 * Connect structs for the value converter to convert, or their JSON bytes for the {@code
 * ByteArrayConverter}. Each record carries a source offset of its own, as a restore's does.
 */
public final class PreparedRecordsConnector extends SourceConnector {

  public static final String TOPIC_CONFIG = "prepared.topic";
  public static final String RECORDS_CONFIG = "prepared.records.per.task";
  public static final String BYTES_CONFIG = "prepared.bytes";
  static final String PARTITION_CONFIG = "prepared.partition";

  /** Distinct values a task cycles through, made before it hands out any. */
  static final int VALUES = 10_000;

  /** Records a poll returns: the restore's default {@code record.batch.max.size}. */
  static final int BATCH = 200;

  private static final ConfigDef CONFIG =
      new ConfigDef()
          .define(TOPIC_CONFIG, Type.STRING, Importance.HIGH, "The topic to write.")
          .define(RECORDS_CONFIG, Type.LONG, Importance.HIGH, "Records each task hands out.")
          .define(
              BYTES_CONFIG,
              Type.BOOLEAN,
              false,
              Importance.HIGH,
              "Hand out the values' JSON bytes rather than Connect structs.");

  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    this.props = props;
  }

  @Override
  public Class<? extends Task> taskClass() {
    return PreparedRecordsTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (int task = 0; task < maxTasks; task++) {
      Map<String, String> config = new java.util.HashMap<>(props);
      config.put(PARTITION_CONFIG, Integer.toString(task));
      configs.add(config);
    }
    return configs;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return CONFIG;
  }

  @Override
  public String version() {
    return Version.get();
  }

  /** Hands out its prepared records in batches, then nothing. */
  public static final class PreparedRecordsTask extends SourceTask {

    private String topic;
    private int partition;
    private long total;
    private long handedOut;
    private Map<String, Object> sourcePartition;
    private Object[] values;
    private Schema schema;

    @Override
    public void start(Map<String, String> props) {
      topic = props.get(TOPIC_CONFIG);
      partition = Integer.parseInt(props.get(PARTITION_CONFIG));
      total = Long.parseLong(props.get(RECORDS_CONFIG));
      sourcePartition = Map.of("topic", topic, "partition", partition);
      boolean bytes = Boolean.parseBoolean(props.getOrDefault(BYTES_CONFIG, "false"));
      JsonConverter json = new JsonConverter();
      json.configure(Map.of("schemas.enable", "false"), false);
      values = new Object[VALUES];
      for (int i = 0; i < VALUES; i++) {
        Struct value = BigEvents.value(partition, i);
        values[i] = bytes ? json.fromConnectData(topic, BigEvents.SCHEMA, value) : value;
      }
      schema = bytes ? Schema.BYTES_SCHEMA : BigEvents.SCHEMA;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
      if (handedOut >= total) {
        Thread.sleep(100);
        return null;
      }
      int size = (int) Math.min(BATCH, total - handedOut);
      List<SourceRecord> batch = new ArrayList<>(size);
      for (int i = 0; i < size; i++, handedOut++) {
        batch.add(
            new SourceRecord(
                sourcePartition,
                Map.of("record", handedOut),
                topic,
                partition,
                schema,
                values[(int) (handedOut % VALUES)]));
      }
      return batch;
    }

    @Override
    public void stop() {}

    @Override
    public String version() {
      return Version.get();
    }
  }
}
