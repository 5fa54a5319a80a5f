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
import java.util.concurrent.ConcurrentHashMap;

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
   * Readers keep caches (Avro schemas) while a task decodes on several fetch threads: a thread-safe
   * reader is shared by all of them, so its caches fill once; any other reader is made once per
   * thread.
   */
  private static FormatLookup perThread(FormatConfig formats) {
    Map<BackupFormat, RecordFormat> shared = new ConcurrentHashMap<>();
    ThreadLocal<Map<BackupFormat, RecordFormat>> readers =
        ThreadLocal.withInitial(() -> new EnumMap<>(BackupFormat.class));
    return format -> {
      RecordFormat reader = shared.get(format);
      if (reader != null) {
        return reader;
      }
      reader = readers.get().computeIfAbsent(format, formats::recordFormat);
      if (reader.isThreadSafe()) {
        RecordFormat first = shared.putIfAbsent(format, reader);
        return first != null ? first : reader;
      }
      return reader;
    };
  }
}
