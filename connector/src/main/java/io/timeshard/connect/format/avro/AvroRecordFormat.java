package io.timeshard.connect.format.avro;

import io.apicurio.registry.utils.converter.avro.AvroData;
import io.timeshard.connect.format.Decompression;
import io.timeshard.connect.format.RecordFormat;
import io.timeshard.connect.format.RecordReader;
import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.key.Compression;
import java.io.IOException;
import java.io.InputStream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.DatumReader;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * The Avro format ({@code .avro}): Avro object container files, streamed block by block (see {@link
 * AvroContainerReader}), whatever their codec (null, deflate, snappy, bzip2, zstandard).
 *
 * <p>Each datum becomes Connect data through {@link AvroData#toConnectData}, which reads the
 * conventions the sinks wrote with: {@code connect.name}, {@code connect.version}, {@code
 * connect.doc}, {@code connect.default} and {@code connect.parameters}, {@code connect.type} int8
 * and int16, decimals, dates and timestamps, maps with non-string keys as {@code MapEntry} arrays,
 * optional values as unions with null. Writer schemas are parsed and converted once per distinct
 * schema (see {@link AvroSchemaCache}), not once per object.
 *
 * <p>One instance per task, shared by its fetch threads: thread-safe. Each object gets its own
 * codec; the schemas, their datum readers, {@link AvroData}'s caches and the logical-type
 * conversions are shared, so a thread that starts late finds every schema converted and resolved
 * already.
 */
public final class AvroRecordFormat implements RecordFormat {

  /** How many distinct writer schemas stay converted. */
  public static final int DEFAULT_SCHEMA_CACHE_SIZE = 1000;

  private final AvroData avroData;
  private final AvroSchemaCache schemas;

  /**
   * Strings as Utf8 and logical types as their Avro encodings: what AvroData expects. Made once:
   * {@code new GenericData()} looks up logical-type conversions with a {@code ServiceLoader}, a
   * scan of the class path that cost more than the rest of reading a one-record object.
   */
  private final GenericData genericData = new GenericData();

  public AvroRecordFormat() {
    this(DEFAULT_SCHEMA_CACHE_SIZE);
  }

  /**
   * @param schemaCacheSize how many distinct writer schemas stay converted
   */
  public AvroRecordFormat(int schemaCacheSize) {
    this.avroData = new AvroData(schemaCacheSize);
    this.schemas = new AvroSchemaCache(avroData, genericData, schemaCacheSize);
  }

  @Override
  public boolean isThreadSafe() {
    return true;
  }

  @Override
  public BackupFormat format() {
    return BackupFormat.AVRO;
  }

  /** How many objects found their writer schema already converted. */
  public long schemaCacheHits() {
    return schemas.hits();
  }

  /** How many objects brought a writer schema not (or no longer) in the cache. */
  public long schemaCacheMisses() {
    return schemas.misses();
  }

  @Override
  public RecordReader open(InputStream in, Compression compression) throws IOException {
    AvroContainerReader container = null;
    try {
      container = new AvroContainerReader(Decompression.of(in, compression));
      AvroSchemaCache.Entry schema = schemas.get(container.header().schemaJson());
      return new AvroRecordReader(container, schema);
    } catch (IOException | RuntimeException e) {
      try {
        if (container != null) {
          container.close();
        } else {
          in.close();
        }
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      // A header whose schema does not parse, or does not resolve into a reader.
      if (e instanceof AvroRuntimeException) {
        throw new IOException("not a readable Avro object: " + e.getMessage(), e);
      }
      throw e;
    }
  }

  /** The datum reader an open Avro object decodes with: for tests. */
  static DatumReader<Object> datumReaderOf(RecordReader reader) {
    return ((AvroRecordReader) reader).schema.datumReader();
  }

  private final class AvroRecordReader implements RecordReader {
    private final AvroContainerReader container;
    private final AvroSchemaCache.Entry schema;

    AvroRecordReader(AvroContainerReader container, AvroSchemaCache.Entry schema) {
      this.container = container;
      this.schema = schema;
    }

    @Override
    public SchemaAndValue next() throws IOException {
      // No reuse: AvroData passes byte buffers through, and a reused datum would overwrite them.
      if (!container.hasNext()) {
        return null;
      }
      Object datum = container.next(schema.datumReader());
      SchemaAndValue converted = avroData.toConnectData(schema.avroSchema(), datum);
      // AvroData gives no SchemaAndValue for a null datum (an optional top-level value).
      return converted != null ? converted : new SchemaAndValue(schema.connectSchema(), null);
    }

    @Override
    public void close() throws IOException {
      container.close();
    }
  }
}
