package io.timeshard.connect.restore;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A record's source offset as the task hands it to Connect: made for every record, read for few
 * (Connect keeps each until the broker acknowledges it and stores only a partition's latest). Four
 * fields, and the task's restarts once it restarted; no hash table; its entries are made only when
 * someone iterates them. Immutable.
 */
final class SourceOffsetMap extends AbstractMap<String, Object> {

  private final String objectKey;
  private final Long startOffset;
  private final long record;
  private final boolean endOfObject;

  /** The task's restarts, shared by its records; {@code null} for a task that never restarted. */
  private final TaskRestarts restarts;

  SourceOffsetMap(
      String objectKey, Long startOffset, long record, boolean endOfObject, TaskRestarts restarts) {
    this.objectKey = objectKey;
    this.startOffset = startOffset;
    this.record = record;
    this.endOfObject = endOfObject;
    this.restarts = restarts;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    List<Entry<String, Object>> entries = new java.util.ArrayList<>(6);
    entries.add(new SimpleImmutableEntry<>(RestorePosition.OBJECT_KEY, objectKey));
    entries.add(new SimpleImmutableEntry<>(RestorePosition.START_KEY, startOffset));
    entries.add(new SimpleImmutableEntry<>(RestorePosition.RECORD_KEY, record));
    entries.add(new SimpleImmutableEntry<>(RestorePosition.EOF_KEY, endOfObject));
    if (restarts != null) {
      entries.add(new SimpleImmutableEntry<>(TaskRestarts.COUNT_KEY, restarts.count()));
      entries.add(new SimpleImmutableEntry<>(TaskRestarts.REASON_KEY, restarts.describe()));
    }
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return entries.iterator();
      }

      @Override
      public int size() {
        return entries.size();
      }
    };
  }

  @Override
  public Object get(Object key) {
    if (RestorePosition.OBJECT_KEY.equals(key)) {
      return objectKey;
    }
    if (RestorePosition.START_KEY.equals(key)) {
      return startOffset;
    }
    if (RestorePosition.RECORD_KEY.equals(key)) {
      return record;
    }
    if (RestorePosition.EOF_KEY.equals(key)) {
      return endOfObject;
    }
    if (restarts != null && TaskRestarts.COUNT_KEY.equals(key)) {
      return restarts.count();
    }
    if (restarts != null && TaskRestarts.REASON_KEY.equals(key)) {
      return restarts.describe();
    }
    return null;
  }

  @Override
  public boolean containsKey(Object key) {
    return RestorePosition.OBJECT_KEY.equals(key)
        || RestorePosition.START_KEY.equals(key)
        || RestorePosition.RECORD_KEY.equals(key)
        || RestorePosition.EOF_KEY.equals(key)
        || (restarts != null
            && (TaskRestarts.COUNT_KEY.equals(key) || TaskRestarts.REASON_KEY.equals(key)));
  }

  @Override
  public int size() {
    return restarts == null ? 4 : 6;
  }
}
