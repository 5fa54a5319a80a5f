package io.timeshard.connect.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.format.Objects.CountingInputStream;
import io.timeshard.connect.format.avro.AvroRecordFormat;
import io.timeshard.connect.format.bytes.BytesRecordFormat;
import io.timeshard.connect.format.json.JsonRecordFormat;
import io.timeshard.partitioner.key.Compression;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads objects of about 100 MB. Maven runs these tests in their own JVM with a heap smaller than
 * one object ({@code -Xmx48m}), so a reader that loads an object whole fails here.
 */
@Tag("large")
class LargeObjectTest {

  private static final int RECORDS = 100_000;
  private static final int PAYLOAD = 1000;

  @TempDir Path dir;

  @BeforeAll
  static void heapIsSmallerThanAnObject() {
    assertThat(Runtime.getRuntime().maxMemory())
        .as("these tests prove streaming only with a heap smaller than an object (-Xmx48m)")
        .isLessThan(100_000_000L);
  }

  @Test
  void avro() throws IOException {
    Schema schema =
        SchemaBuilder.record("Big")
            .fields()
            .requiredLong("id")
            .requiredBytes("payload")
            .endRecord();
    Path file = dir.resolve("big+0+0000000000.avro");
    byte[] payload = new byte[PAYLOAD];
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
        DataFileWriter<GenericRecord> writer =
            new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
      writer.create(schema, out);
      for (long i = 0; i < RECORDS; i++) {
        Arrays.fill(payload, (byte) i);
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", i);
        record.put("payload", ByteBuffer.wrap(payload));
        writer.append(record);
      }
    }
    long size = Files.size(file);
    assertThat(size).isGreaterThan(100_000_000L);

    CountingInputStream in = new CountingInputStream(Files.newInputStream(file));
    long count = 0;
    try (RecordReader reader = new AvroRecordFormat().open(in, Compression.NONE)) {
      SchemaAndValue first = reader.next();
      assertThat(((Struct) first.value()).getInt64("id")).isZero();
      assertThat(in.count()).isLessThan(1_000_000L);
      count++;
      for (SchemaAndValue record = reader.next(); record != null; record = reader.next()) {
        assertThat(((Struct) record.value()).getInt64("id")).isEqualTo(count);
        count++;
      }
    }
    assertThat(count).isEqualTo(RECORDS);
    assertThat(in.count()).isEqualTo(size);
  }

  @Test
  void json() throws IOException {
    byte[] padding = "x".repeat(PAYLOAD).getBytes(StandardCharsets.UTF_8);
    CountingInputStream in =
        new CountingInputStream(
            new GeneratedInputStream(
                i ->
                    concat(
                        ("{\"id\":" + i + ",\"p\":\"").getBytes(StandardCharsets.UTF_8),
                        padding,
                        "\"}\n".getBytes(StandardCharsets.UTF_8))));
    long count = 0;
    try (RecordReader reader = new JsonRecordFormat(false).open(in, Compression.NONE)) {
      for (SchemaAndValue record = reader.next(); record != null; record = reader.next()) {
        assertThat(((Map<?, ?>) record.value()).get("id")).isEqualTo(count);
        if (count == 0) {
          assertThat(in.count()).isLessThan(1_000_000L);
        }
        count++;
      }
    }
    assertThat(count).isEqualTo(RECORDS);
    assertThat(in.count()).isGreaterThan(100_000_000L);
  }

  @Test
  void bytes() throws IOException {
    byte[] separator = "<|>".getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[PAYLOAD];
    CountingInputStream in =
        new CountingInputStream(
            new GeneratedInputStream(
                i -> {
                  Arrays.fill(payload, (byte) ('a' + i % 26));
                  return concat(payload, separator);
                }));
    long count = 0;
    try (RecordReader reader = new BytesRecordFormat(separator).open(in, Compression.NONE)) {
      for (SchemaAndValue record = reader.next(); record != null; record = reader.next()) {
        byte[] value = (byte[]) record.value();
        assertThat(value).hasSize(PAYLOAD);
        assertThat(value[0]).isEqualTo((byte) ('a' + count % 26));
        if (count == 0) {
          assertThat(in.count()).isLessThan(1_000_000L);
        }
        count++;
      }
    }
    assertThat(count).isEqualTo(RECORDS);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  /** An object made up record by record as it is read, never held whole. */
  private static final class GeneratedInputStream extends InputStream {
    private final java.util.function.LongFunction<byte[]> records;
    private long next;
    private byte[] current = new byte[0];
    private int position;

    GeneratedInputStream(java.util.function.LongFunction<byte[]> records) {
      this.records = records;
    }

    private boolean ensure() {
      while (position == current.length) {
        if (next == RECORDS) {
          return false;
        }
        current = records.apply(next++);
        position = 0;
      }
      return true;
    }

    @Override
    public int read() {
      return ensure() ? current[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (!ensure()) {
        return -1;
      }
      int n = Math.min(len, current.length - position);
      System.arraycopy(current, position, buffer, off, n);
      position += n;
      return n;
    }
  }
}
