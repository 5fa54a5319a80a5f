package io.timeshard.partitioner.key;

/**
 * The file formats the storage sinks write, told apart by the object's extension.
 *
 * <p>The byte-array extension is configurable in the sinks ({@code format.bytearray.extension}), so
 * the extensions themselves live in {@link ExtensionTable}.
 */
public enum BackupFormat {
  AVRO,
  JSON,
  BYTES,
  PARQUET
}
