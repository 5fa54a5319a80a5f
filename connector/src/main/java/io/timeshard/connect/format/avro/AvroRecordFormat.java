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
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * The Avro format ({@code .avro}): Avro object container files, streamed block by block with {@link
 * DataFileStream}, whatever their codec (null, deflate, snappy, bzip2, zstandard).
 *
 * <p>Each datum becomes Connect data through {@link AvroData#toConnectData}, which reads the
 * conventions the sinks wrote with: {@code connect.name}, {@code connect.version}, {@code
 * connect.doc}, {@code connect.default} and {@code connect.parameters}, {@code connect.type} int8
 * and int16, decimals, dates and timestamps, maps with non-string keys as {@code MapEntry} arrays,
 * optional values as unions with null. Writer schemas are converted once per distinct schema (see
 * {@link AvroSchemaCache}), not once per object.
 *
 * <p>One instance per task; not thread-safe.
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
    this.schemas = new AvroSchemaCache(avroData, schemaCacheSize);
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
    EndCheckingInputStream content = new EndCheckingInputStream(Decompression.of(in, compression));
    GenericDatumReader<Object> datumReader = new GenericDatumReader<>(null, null, genericData);
    DataFileStream<Object> stream;
    try {
      stream = new DataFileStream<>(content, datumReader);
      content.headerRead();
    } catch (IOException | AvroRuntimeException e) {
      content.close();
      throw new IOException("not a readable Avro object: " + e.getMessage(), e);
    }
    AvroSchemaCache.Entry schema;
    try {
      schema = schemas.get(stream.getSchema());
    } catch (RuntimeException e) {
      stream.close();
      throw e;
    }
    // Decode with the cached schema instance, so Avro reuses its decoder for it.
    datumReader.setSchema(schema.avroSchema());
    datumReader.setExpected(schema.avroSchema());
    return new AvroRecordReader(stream, content, schema, avroData);
  }

  private static final class AvroRecordReader implements RecordReader {
    private final DataFileStream<Object> stream;
    private final EndCheckingInputStream content;
    private final AvroSchemaCache.Entry schema;
    private final AvroData avroData;

    AvroRecordReader(
        DataFileStream<Object> stream,
        EndCheckingInputStream content,
        AvroSchemaCache.Entry schema,
        AvroData avroData) {
      this.stream = stream;
      this.content = content;
      this.schema = schema;
      this.avroData = avroData;
    }

    @Override
    public SchemaAndValue next() throws IOException {
      Object datum;
      try {
        if (!stream.hasNext()) {
          if (!content.endsWithSync()) {
            throw new IOException(
                "truncated Avro object: it does not end with a complete block and sync marker");
          }
          return null;
        }
        // No reuse: AvroData passes byte buffers through, and a reused datum would overwrite them.
        datum = stream.next();
      } catch (AvroRuntimeException e) {
        // DataFileStream's iterator wraps I/O and format failures: a truncated or corrupt block.
        Throwable cause = e.getCause() instanceof IOException io ? io : e;
        throw new IOException("corrupt or truncated Avro object: " + e.getMessage(), cause);
      }
      SchemaAndValue converted = avroData.toConnectData(schema.avroSchema(), datum);
      // AvroData gives no SchemaAndValue for a null datum (an optional top-level value).
      return converted != null ? converted : new SchemaAndValue(schema.connectSchema(), null);
    }

    @Override
    public void close() throws IOException {
      stream.close();
    }
  }
}
