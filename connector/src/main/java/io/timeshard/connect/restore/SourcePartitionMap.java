package io.timeshard.connect.restore;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * A source partition as the task hands it with every record: Connect hashes it for every record it
 * tracks until the broker acknowledges it, and a {@code HashMap} computes its hash anew each time.
 * This one is immutable and computes it once. It iterates as the map it wraps, so that its JSON
 * form, the key under which Connect stores the partition's offsets, stays what it was.
 */
final class SourcePartitionMap extends AbstractMap<String, Object> {

  private final Map<String, Object> entries;
  private final int hash;

  /**
   * @param entries the partition's entries; not to be changed afterwards
   */
  SourcePartitionMap(Map<String, Object> entries) {
    this.entries = Collections.unmodifiableMap(entries);
    this.hash = entries.hashCode();
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return entries.entrySet();
  }

  @Override
  public Object get(Object key) {
    return entries.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return entries.containsKey(key);
  }

  @Override
  public int size() {
    return entries.size();
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object other) {
    return other == this || entries.equals(other);
  }
}
