package io.timeshard.connect.format.json;

import io.timeshard.connect.format.Decompression;
import io.timeshard.connect.format.RecordFormat;
import io.timeshard.connect.format.RecordReader;
import io.timeshard.connect.format.SeparatedRecords;
import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.key.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * The JSON format ({@code .json}, {@code .json.gz}): one JSON value per line, read with the
 * worker's {@code JsonConverter} (see {@link KafkaJsonConverter}).
 *
 * <p>The sinks write values without schemas, so by default each line becomes a schemaless value (a
 * struct's fields as a map, numbers as longs or doubles). With {@code format.json.schema.enable}
 * each line is an envelope {@code {"schema": ..., "payload": ...}} and becomes typed Connect data.
 *
 * <p>Lines end with {@code \n} (a {@code \r} before it is ignored, as JSON whitespace); blank lines
 * are skipped. A last line without its line end means a truncated object and is an error.
 */
public final class JsonRecordFormat implements RecordFormat {

  private static final byte[] LINE_END = {'\n'};

  private final Converter converter = KafkaJsonConverter.newConverter();
  private final long maxRecordBytes;

  /**
   * @param schemaEnable whether each line is a {@code {schema, payload}} envelope
   */
  public JsonRecordFormat(boolean schemaEnable) {
    this(schemaEnable, SeparatedRecords.DEFAULT_MAX_RECORD_BYTES);
  }

  /**
   * @param schemaEnable whether each line is a {@code {schema, payload}} envelope
   * @param maxRecordBytes the longest line accepted: a longer one fails the object
   */
  public JsonRecordFormat(boolean schemaEnable, long maxRecordBytes) {
    this.maxRecordBytes = maxRecordBytes;
    converter.configure(
        Map.of(KafkaJsonConverter.SCHEMAS_ENABLE_CONFIG, Boolean.toString(schemaEnable)), false);
  }

  @Override
  public BackupFormat format() {
    return BackupFormat.JSON;
  }

  @Override
  public RecordReader open(InputStream in, Compression compression) throws IOException {
    SeparatedRecords lines =
        new SeparatedRecords(Decompression.of(in, compression), LINE_END, maxRecordBytes);
    return new RecordReader() {
      private long lineNumber;

      @Override
      public SchemaAndValue next() throws IOException {
        byte[] line;
        do {
          line = lines.next();
          lineNumber++;
        } while (line != null && isBlank(line));
        if (line == null) {
          return null;
        }
        try {
          return converter.toConnectData("", line);
        } catch (DataException e) {
          if (e.getCause() instanceof SerializationException) {
            throw new IOException("line " + lineNumber + " is not JSON: " + e.getMessage(), e);
          }
          throw e;
        }
      }

      @Override
      public void close() throws IOException {
        lines.close();
      }
    };
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
