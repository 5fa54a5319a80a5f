package io.timeshard.connect.testing;

import io.timeshard.connect.format.RecordFormat;
import io.timeshard.connect.format.RecordReader;
import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.key.Compression;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * A test format: one string record per line; a line {@code !corrupt} reads as a corrupt record. It
 * stands for the JSON format in plans.
 */
public final class LineFormat implements RecordFormat {

  @Override
  public BackupFormat format() {
    return BackupFormat.JSON;
  }

  @Override
  public RecordReader open(InputStream in, Compression compression) {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64);
    return new RecordReader() {
      @Override
      public SchemaAndValue next() throws IOException {
        String line = reader.readLine();
        if (line == null) {
          return null;
        }
        if (line.equals("!corrupt")) {
          throw new IOException("corrupt line");
        }
        return new SchemaAndValue(Schema.STRING_SCHEMA, line);
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }
    };
  }
}
