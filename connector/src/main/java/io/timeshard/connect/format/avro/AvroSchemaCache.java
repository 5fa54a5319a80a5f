package io.timeshard.connect.format.avro;

import io.apicurio.registry.utils.converter.avro.AvroData;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.NameValidator;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;

/**
 * Writer schemas already seen, each with its Connect schema: a bounded, least-recently-used map.
 *
 * <p>Every Avro object carries its writer schema, as JSON in its header, usually the same bytes as
 * the object before. The first object with a schema parses and converts it; later ones with the
 * same bytes find it without parsing, and those whose bytes differ but whose schema is equal find
 * it once parsed. Either way they get the same {@link Entry}: the same Avro schema instance (so
 * Avro's per-schema decoder cache and {@link AvroData}'s own cache find it by identity) and the
 * same Connect schema instance (so converters downstream, which cache by schema, hit too), and the
 * same datum reader: resolving a schema into a reader costs more than decoding a small record, so
 * an object of a schema seen before resolves nothing. Thread-safe: a task's fetch threads share it;
 * a schema new to two threads at once may be parsed twice, never converted into two entries.
 */
final class AvroSchemaCache {

  /**
   * A writer schema, its Connect schema, and the reader that decodes its datums: shared by every
   * thread that reads an object of this schema (see {@link #datumReader}).
   */
  record Entry(
      org.apache.avro.Schema avroSchema,
      org.apache.kafka.connect.data.Schema connectSchema,
      DatumReader<Object> datumReader) {}

  private final AvroData avroData;
  private final GenericData genericData;
  private final Map<org.apache.avro.Schema, Entry> entries;
  private final Map<ByteBuffer, Entry> byJson;
  private long hits;
  private long misses;
  private long sameAsLast;

  /** The bytes of the last lookup by bytes, and what they found. */
  private ByteBuffer lastJson;

  private Entry lastEntry;

  AvroSchemaCache(AvroData avroData, int capacity) {
    this(avroData, new GenericData(), capacity);
  }

  /**
   * @param genericData how datums are decoded (strings as Utf8, logical types as their encodings)
   */
  AvroSchemaCache(AvroData avroData, GenericData genericData, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("schema cache capacity must be positive: " + capacity);
    }
    this.avroData = avroData;
    this.genericData = genericData;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<org.apache.avro.Schema, Entry> eldest) {
            return size() > capacity;
          }
        };
    this.byJson =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Entry> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * The entry for the schema a container header holds as {@code json}, parsing it only when these
   * bytes were not seen before.
   *
   * @throws org.apache.avro.SchemaParseException when the bytes are not a schema
   */
  Entry get(ByteBuffer json) {
    synchronized (this) {
      // Most objects carry the same bytes as the one before: comparing them costs less than
      // hashing a schema's worth of bytes for the map.
      if (lastJson != null && lastJson.equals(json)) {
        hits++;
        sameAsLast++;
        return lastEntry;
      }
      Entry entry = byJson.get(json);
      if (entry != null) {
        hits++;
        lastJson = json;
        lastEntry = entry;
        return entry;
      }
    }
    org.apache.avro.Schema parsed =
        new org.apache.avro.Schema.Parser(NameValidator.NO_VALIDATION)
            .setValidateDefaults(false)
            .parse(StandardCharsets.UTF_8.decode(json.duplicate()).toString());
    synchronized (this) {
      Entry entry = get(parsed);
      byJson.put(json, entry);
      lastJson = json;
      lastEntry = entry;
      return entry;
    }
  }

  /** The entry for a writer schema equal to {@code writerSchema}, converting it on a miss. */
  synchronized Entry get(org.apache.avro.Schema writerSchema) {
    Entry entry = entries.get(writerSchema);
    if (entry != null) {
      hits++;
      return entry;
    }
    misses++;
    entry =
        new Entry(writerSchema, avroData.toConnectSchema(writerSchema), datumReader(writerSchema));
    entries.put(writerSchema, entry);
    return entry;
  }

  /**
   * A reader of datums written with {@code schema}, safe to share between threads. Avro's fast
   * reader (its default) resolves the schema when the reader is made and keeps no state between
   * datums; a {@link GenericDatumReader} would resolve it again on its first datum, each time one
   * is made. Without the fast reader, a {@link GenericDatumReader} keeps its resolving decoders per
   * thread.
   */
  private DatumReader<Object> datumReader(org.apache.avro.Schema schema) {
    if (genericData.isFastReaderEnabled()) {
      try {
        return genericData.getFastReaderBuilder().createDatumReader(schema, schema);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return new GenericDatumReader<>(schema, schema, genericData);
  }

  synchronized long hits() {
    return hits;
  }

  /** How many lookups by bytes found the same bytes as the one before: for tests. */
  synchronized long sameAsLast() {
    return sameAsLast;
  }

  synchronized long misses() {
    return misses;
  }

  synchronized int size() {
    return entries.size();
  }
}
