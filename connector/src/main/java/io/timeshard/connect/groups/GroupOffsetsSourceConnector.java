package io.timeshard.connect.groups;

import io.timeshard.connect.Version;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Snapshots the committed offsets of the consumer groups of the cluster being backed up, every
 * {@code snapshot.interval.seconds}, into a topic that the backup sink backs up with the rest.
 * After a restore, {@code timeshard offsets} maps them to the restored topics, so that the groups
 * resume where they stopped. One task: a snapshot is a handful of admin requests.
 */
public class GroupOffsetsSourceConnector extends SourceConnector {

  private Map<String, String> props;

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    new GroupOffsetsSourceConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return GroupOffsetsSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return List.of(props);
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return GroupOffsetsSourceConfig.CONFIG_DEF;
  }

  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    // Each snapshot is whole in itself; a repeated one is only an older copy of the positions.
    return ExactlyOnceSupport.SUPPORTED;
  }
}
