package io.timeshard.partitioner.key;

/** Whole-object compression that the extension announces (Avro and Parquet compress inside). */
public enum Compression {
  NONE,
  GZIP
}
