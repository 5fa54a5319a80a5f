package io.timeshard.connect.testing;

import io.timeshard.connect.RestoreSourceConnector;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Restore configurations for the integration tests' customer backups. */
public final class RestoreConfigs {

  private RestoreConfigs() {}

  /** The write-up's time-based configuration, over a local folder, with JSON values out. */
  public static Map<String, String> timeBased(Path backup, int tasks) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", RestoreSourceConnector.class.getName());
    config.put("tasks.max", String.valueOf(tasks));
    config.put("format.class", "io.confluent.connect.azure.blob.storage.format.avro.AvroFormat");
    config.put("mode", "RESTORE_BACKUP");
    config.put(
        "partitioner.class", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner");
    config.put("partition.duration.ms", "60000");
    config.put("timestamp.extractor", "Record");
    config.put("path.format", "YYYY/MM/dd/HH");
    config.put("locale", "en-US");
    config.put("timezone", "Europe/Madrid");
    config.put("store.url", backup.toUri().toString());
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    return config;
  }

  /** The default layout's configuration. */
  public static Map<String, String> defaultLayout(Path backup, int tasks) {
    Map<String, String> config = timeBased(backup, tasks);
    config.put("partitioner.class", "io.confluent.connect.storage.partitioner.DefaultPartitioner");
    config.remove("partition.duration.ms");
    config.remove("path.format");
    config.remove("timestamp.extractor");
    return config;
  }

  /** Lets the test interrupt a restore: one object at a time, a few records a poll. */
  public static Map<String, String> slow(Map<String, String> config) {
    config.put("restore.fetch.concurrency", "1");
    config.put("record.batch.max.size", "5");
    return config;
  }
}
