package io.timeshard.connect.format.parquet;

import io.apicurio.registry.utils.converter.avro.AvroData;
import io.timeshard.connect.format.ObjectBytes;
import io.timeshard.connect.format.RecordFormat;
import io.timeshard.connect.format.RecordReader;
import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.key.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.NameValidator;
import org.apache.avro.generic.GenericData;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.schema.MessageType;

/**
 * The Parquet format ({@code .parquet}, {@code .snappy.parquet}, {@code .gz.parquet}, {@code
 * .zstd.parquet}, {@code .lz4hadoop.parquet}, ...), as the sinks' {@code ParquetFormat} writes it:
 * each record's Connect schema turned into an Avro schema by Confluent's AvroData, written by
 * parquet-avro's {@code AvroParquetWriter}, which keeps that Avro schema in the file's metadata.
 *
 * <p>Records are read back through parquet-avro into Avro records and turned into Connect data by
 * {@link AvroData#toConnectData}, as Avro backups are, from the Avro schema the file keeps (or, for
 * a file written otherwise, the one its Parquet schema converts to): the same records restore from
 * either format. Parquet is read without Hadoop, in ranges (see {@link ParquetObjectReader}).
 *
 * <p>One instance per task, shared by its fetch threads: thread-safe.
 */
public final class ParquetRecordFormat implements RecordFormat {

  /** The file metadata key under which parquet-avro keeps the writer's Avro schema. */
  static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";

  /** The key older parquet-avro writers used. */
  static final String OLD_AVRO_SCHEMA_KEY = "avro.schema";

  /** How many distinct Avro schemas stay converted. */
  static final int SCHEMA_CACHE_SIZE = 1000;

  private final AvroData avroData = new AvroData(SCHEMA_CACHE_SIZE);

  /**
   * How Parquet columns become Avro data: strings, decimals and timestamps as their Avro encodings,
   * which is what AvroData expects (no logical-type conversions).
   */
  private final GenericData genericData = new GenericData();

  private final Map<String, Schemas> schemas =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Schemas> eldest) {
          return size() > SCHEMA_CACHE_SIZE;
        }
      };

  /** An Avro schema and its Connect schema. */
  record Schemas(
      org.apache.avro.Schema avroSchema, org.apache.kafka.connect.data.Schema connectSchema) {}

  @Override
  public boolean isThreadSafe() {
    return true;
  }

  @Override
  public BackupFormat format() {
    return BackupFormat.PARQUET;
  }

  /**
   * Parquet cannot be read front to back: its index is at the end.
   *
   * @throws UnsupportedOperationException always; read through {@link #open(ObjectBytes,
   *     Compression)}
   */
  @Override
  public RecordReader open(InputStream in, Compression compression) {
    throw new UnsupportedOperationException("Parquet objects are read in ranges, not as a stream");
  }

  @Override
  public RecordReader open(ObjectBytes object, Compression compression) throws IOException {
    return new ParquetObjectReader(object, this);
  }

  GenericData genericData() {
    return genericData;
  }

  AvroData avroData() {
    return avroData;
  }

  /**
   * The schemas of a file: from the Avro schema its metadata keeps, converted once per distinct
   * schema, or from its Parquet schema.
   */
  Schemas schemasOf(Map<String, String> metadata, MessageType fileSchema) {
    String json = metadata.get(AVRO_SCHEMA_KEY);
    if (json == null) {
      json = metadata.get(OLD_AVRO_SCHEMA_KEY);
    }
    if (json == null) {
      org.apache.avro.Schema avro =
          new AvroSchemaConverter(new PlainParquetConfiguration()).convert(fileSchema);
      json = avro.toString();
    }
    synchronized (schemas) {
      Schemas known = schemas.get(json);
      if (known != null) {
        return known;
      }
    }
    org.apache.avro.Schema avro =
        new org.apache.avro.Schema.Parser(NameValidator.NO_VALIDATION)
            .setValidateDefaults(false)
            .parse(json);
    Schemas parsed = new Schemas(avro, avroData.toConnectSchema(avro));
    synchronized (schemas) {
      return schemas.computeIfAbsent(json, j -> parsed);
    }
  }
}
