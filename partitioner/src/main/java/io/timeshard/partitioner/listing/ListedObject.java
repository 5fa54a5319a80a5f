package io.timeshard.partitioner.listing;

import java.time.Instant;
import java.util.Objects;

/** An object as a listing reports it. */
public record ListedObject(String key, long size, Instant lastModified) {

  public ListedObject {
    Objects.requireNonNull(key, "key");
  }
}
