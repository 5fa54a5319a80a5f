package io.timeshard.partitioner;

import io.timeshard.partitioner.key.ObjectKey;
import io.timeshard.partitioner.key.ObjectRole;
import io.timeshard.partitioner.time.TimeInterval;
import java.util.Objects;
import java.util.Optional;

/**
 * One value object of a partition stream, with its companions; or one tombstone object.
 *
 * <p>A tombstone object is a {@code .keys} object in the sink's tombstone folder ({@code
 * tombstone.encoded.partition}) with no value object: each of its records is a record whose value
 * was null. Its {@code key} is the {@code .keys} object itself, {@code keys} is empty and {@code
 * headers} is its headers companion, if any.
 *
 * @param key the parsed key of the value object (of the keys object, for a tombstone object)
 * @param size its size in bytes
 * @param keys the {@code .keys} companion, when the sink stored keys (its format may differ)
 * @param headers the {@code .headers} companion, when the sink stored headers
 * @param bucket the instants its time folder covers, for time-based layouts
 */
public record BackupObject(
    ObjectKey key,
    long size,
    Optional<ObjectKey> keys,
    Optional<ObjectKey> headers,
    Optional<TimeInterval> bucket) {

  public BackupObject {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(bucket, "bucket");
  }

  public String objectKey() {
    return key.key();
  }

  public long startOffset() {
    return key.startOffset();
  }

  /** A keys-only object of the tombstone folder: its records restore with a null value. */
  public static BackupObject tombstones(
      ObjectKey keys, long size, Optional<ObjectKey> headers, Optional<TimeInterval> bucket) {
    if (keys.role() != ObjectRole.KEYS) {
      throw new IllegalArgumentException("not a .keys object: " + keys.key());
    }
    return new BackupObject(keys, size, Optional.empty(), headers, bucket);
  }

  /** True for a tombstone object: its records have keys and no values. */
  public boolean isTombstone() {
    return key.role() == ObjectRole.KEYS;
  }
}
