package io.timeshard.connect.restore;

import io.timeshard.connect.format.RecordFormat;
import io.timeshard.partitioner.key.BackupFormat;

/** The reader of each format a task meets: the values' and, for companions, any other. */
@FunctionalInterface
public interface FormatLookup {

  RecordFormat forFormat(BackupFormat format);
}
