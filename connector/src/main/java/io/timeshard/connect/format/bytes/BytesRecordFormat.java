package io.timeshard.connect.format.bytes;

import io.timeshard.connect.format.Decompression;
import io.timeshard.connect.format.RecordFormat;
import io.timeshard.connect.format.RecordReader;
import io.timeshard.connect.format.SeparatedRecords;
import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.key.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * The byte-array format ({@code .bin}, {@code .bin.gz}): each record's bytes followed by {@code
 * format.bytearray.separator}. Records come back as bytes with an optional bytes schema, as Kafka's
 * byte-array converter gives them.
 *
 * <p>The separator must be the one the sink used; a record that held the separator's bytes was
 * split in two by the sink's output already, and cannot be told apart here.
 */
public final class BytesRecordFormat implements RecordFormat {

  private final byte[] separator;
  private final long maxRecordBytes;

  /**
   * @param separator the sink's {@code format.bytearray.separator}, not empty
   */
  public BytesRecordFormat(String separator) {
    this(separator.getBytes(StandardCharsets.UTF_8));
  }

  public BytesRecordFormat(byte[] separator) {
    this(separator, SeparatedRecords.DEFAULT_MAX_RECORD_BYTES);
  }

  /**
   * @param maxRecordBytes the longest record accepted: a longer one fails the object
   */
  public BytesRecordFormat(byte[] separator, long maxRecordBytes) {
    this.maxRecordBytes = maxRecordBytes;
    if (separator.length == 0) {
      throw new IllegalArgumentException("the byte-array separator must not be empty");
    }
    this.separator = separator.clone();
  }

  @Override
  public BackupFormat format() {
    return BackupFormat.BYTES;
  }

  @Override
  public RecordReader open(InputStream in, Compression compression) throws IOException {
    SeparatedRecords records =
        new SeparatedRecords(Decompression.of(in, compression), separator, maxRecordBytes);
    return new RecordReader() {
      @Override
      public SchemaAndValue next() throws IOException {
        byte[] record = records.next();
        return record == null ? null : new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, record);
      }

      @Override
      public void close() throws IOException {
        records.close();
      }
    };
  }
}
