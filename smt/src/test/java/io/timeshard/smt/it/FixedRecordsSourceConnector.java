package io.timeshard.smt.it;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Writes one record per configured time to a topic, once: values {id, event_timestamp} as a restore
 * of a backup made with InsertField would produce them, ids counting from 1.
 */
public class FixedRecordsSourceConnector extends SourceConnector {
  static final String TOPIC_CONFIG = "topic";
  static final String TIMES_CONFIG = "times";

  private static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(TOPIC_CONFIG, Type.STRING, Importance.HIGH, "The topic to write to.")
          .define(
              TIMES_CONFIG,
              Type.LIST,
              Importance.HIGH,
              "ISO-8601 instants, one record each, in this order.");

  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    this.props = props;
  }

  @Override
  public Class<? extends Task> taskClass() {
    return FixedRecordsSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return List.of(props);
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return CONFIG_DEF;
  }

  @Override
  public String version() {
    return "test";
  }
}
