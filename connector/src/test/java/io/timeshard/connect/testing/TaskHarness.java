package io.timeshard.connect.testing;

import io.timeshard.connect.RestoreSourceTask;
import io.timeshard.connect.restore.TaskServices;
import io.timeshard.connect.store.ObjectStore;
import io.timeshard.partitioner.key.BackupFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** Runs a restore task over an in-memory store, as a worker would, without a worker. */
public final class TaskHarness {

  public final InMemoryStore store;
  public final Map<Map<String, Object>, Map<String, Object>> committed = new HashMap<>();
  private final UnaryOperator<ObjectStore> readThrough;
  private RestoreSourceTask task;

  public TaskHarness(InMemoryStore store) {
    this(store, UnaryOperator.identity());
  }

  /**
   * @param readThrough wraps the store the task reads (adds latency, say)
   */
  public TaskHarness(InMemoryStore store, UnaryOperator<ObjectStore> readThrough) {
    this.store = store;
    this.readThrough = readThrough;
  }

  public static TaskServices services(ObjectStore store) {
    LineFormat lines = new LineFormat();
    return new TaskServices(
        store,
        format -> lines,
        BackupFormat.JSON,
        key -> new SchemaAndValue(key.schema(), key.value()),
        headers -> new ConnectHeaders().addString("h", String.valueOf(headers.value())));
  }

  public RestoreSourceTask start(Map<String, String> props) {
    return start(props, services(readThrough.apply(store)));
  }

  /** Starts a task that reads with {@code services} (its store should be {@link #store}). */
  public RestoreSourceTask start(Map<String, String> props, TaskServices services) {
    task = new RestoreSourceTask(config -> services);
    task.initialize(
        new SourceTaskContext() {
          @Override
          public Map<String, String> configs() {
            return props;
          }

          @Override
          public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
            return null;
          }

          @Override
          public OffsetStorageReader offsetStorageReader() {
            return new OffsetStorageReader() {
              @Override
              public <T> Map<String, Object> offset(Map<String, T> partition) {
                return committed.get(partition);
              }

              @Override
              public <T> Map<Map<String, T>, Map<String, Object>> offsets(
                  Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
                for (Map<String, T> partition : partitions) {
                  result.put(partition, committed.get(partition));
                }
                return result;
              }
            };
          }
        });
    task.start(props);
    return task;
  }

  /** Polls until {@code expected} records came, acknowledging and committing each. */
  public List<SourceRecord> pollRecords(int expected, long timeoutMs) throws InterruptedException {
    List<SourceRecord> all = new ArrayList<>();
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (all.size() < expected && System.currentTimeMillis() < deadline) {
      List<SourceRecord> batch = task.poll();
      if (batch == null) {
        continue;
      }
      for (SourceRecord record : batch) {
        task.commitRecord(record, null);
        @SuppressWarnings("unchecked")
        Map<String, Object> partition = (Map<String, Object>) record.sourcePartition();
        @SuppressWarnings("unchecked")
        Map<String, Object> offset = (Map<String, Object>) record.sourceOffset();
        committed.put(partition, offset);
      }
      all.addAll(batch);
    }
    return all;
  }

  public void stop() {
    if (task != null) {
      task.stop();
    }
  }
}
