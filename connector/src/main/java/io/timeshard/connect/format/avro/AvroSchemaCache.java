package io.timeshard.connect.format.avro;

import io.apicurio.registry.utils.converter.avro.AvroData;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writer schemas already seen, each with its Connect schema: a bounded, least-recently-used map.
 *
 * <p>Every Avro object carries its writer schema, so each object parses a new but usually equal
 * schema. The first object with a schema converts it; later ones get the same {@link Entry}: the
 * same Avro schema instance (so Avro's per-schema decoder cache and {@link AvroData}'s own cache
 * find it by identity) and the same Connect schema instance (so converters downstream, which cache
 * by schema, hit too). Not thread-safe: one per format instance, which belongs to one task.
 */
final class AvroSchemaCache {

  /** A writer schema and its Connect schema. */
  record Entry(
      org.apache.avro.Schema avroSchema, org.apache.kafka.connect.data.Schema connectSchema) {}

  private final AvroData avroData;
  private final Map<org.apache.avro.Schema, Entry> entries;
  private long hits;
  private long misses;

  AvroSchemaCache(AvroData avroData, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("schema cache capacity must be positive: " + capacity);
    }
    this.avroData = avroData;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<org.apache.avro.Schema, Entry> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The entry for a writer schema equal to {@code writerSchema}, converting it on a miss. */
  Entry get(org.apache.avro.Schema writerSchema) {
    Entry entry = entries.get(writerSchema);
    if (entry != null) {
      hits++;
      return entry;
    }
    misses++;
    entry = new Entry(writerSchema, avroData.toConnectSchema(writerSchema));
    entries.put(writerSchema, entry);
    return entry;
  }

  long hits() {
    return hits;
  }

  long misses() {
    return misses;
  }

  int size() {
    return entries.size();
  }
}
