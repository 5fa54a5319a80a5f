package io.timeshard.connect;

import io.timeshard.connect.format.CompanionRecords;
import io.timeshard.connect.format.FormatConfig;
import io.timeshard.connect.format.RecordFormat;
import io.timeshard.connect.restore.FormatLookup;
import io.timeshard.connect.restore.TaskServices;
import io.timeshard.connect.store.ObjectStores;
import io.timeshard.partitioner.key.BackupFormat;
import java.util.EnumMap;
import java.util.Map;

/** Builds the store and readers a connector or task works with, from its configuration. */
public final class TaskServicesFactory {

  private TaskServicesFactory() {}

  public static TaskServices create(RestoreSourceConfig config) {
    FormatConfig formats = new FormatConfig(config.originals());
    BackupFormat valueFormat = formats.format();
    return new TaskServices(
        ObjectStores.open(config.originalsStrings()),
        perThread(formats),
        valueFormat,
        CompanionRecords::key,
        CompanionRecords::headers);
  }

  /**
   * Readers keep caches (Avro schemas) and are not thread-safe, while a task decodes on several
   * fetch threads: each thread gets its own reader of each format.
   */
  private static FormatLookup perThread(FormatConfig formats) {
    ThreadLocal<Map<BackupFormat, RecordFormat>> readers =
        ThreadLocal.withInitial(() -> new EnumMap<>(BackupFormat.class));
    return format -> readers.get().computeIfAbsent(format, formats::recordFormat);
  }
}
