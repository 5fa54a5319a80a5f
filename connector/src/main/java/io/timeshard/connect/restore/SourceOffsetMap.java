package io.timeshard.connect.restore;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A record's source offset as the task hands it to Connect: made for every record, read for few
 * (Connect keeps each until the broker acknowledges it and stores only a partition's latest). Four
 * fields, no hash table; its entries are made only when someone iterates them. Immutable.
 */
final class SourceOffsetMap extends AbstractMap<String, Object> {

  private final String objectKey;
  private final Long startOffset;
  private final long record;
  private final boolean endOfObject;

  SourceOffsetMap(String objectKey, Long startOffset, long record, boolean endOfObject) {
    this.objectKey = objectKey;
    this.startOffset = startOffset;
    this.record = record;
    this.endOfObject = endOfObject;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    List<Entry<String, Object>> entries =
        List.of(
            new SimpleImmutableEntry<>(RestorePosition.OBJECT_KEY, objectKey),
            new SimpleImmutableEntry<>(RestorePosition.START_KEY, startOffset),
            new SimpleImmutableEntry<>(RestorePosition.RECORD_KEY, record),
            new SimpleImmutableEntry<>(RestorePosition.EOF_KEY, endOfObject));
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
    return null;
  }

  @Override
  public boolean containsKey(Object key) {
    return RestorePosition.OBJECT_KEY.equals(key)
        || RestorePosition.START_KEY.equals(key)
        || RestorePosition.RECORD_KEY.equals(key)
        || RestorePosition.EOF_KEY.equals(key);
  }

  @Override
  public int size() {
    return 4;
  }
}
