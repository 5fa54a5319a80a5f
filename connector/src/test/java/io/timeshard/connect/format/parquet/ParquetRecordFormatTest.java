package io.timeshard.connect.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeshard.connect.format.ObjectBytes;
import io.timeshard.connect.format.RecordReader;
import io.timeshard.connect.format.avro.AvroRecordFormat;
import io.timeshard.fixtures.BackupRecord;
import io.timeshard.fixtures.BackupWriter;
import io.timeshard.fixtures.FolderSink;
import io.timeshard.fixtures.ObjectSink;
import io.timeshard.fixtures.SinkFormat;
import io.timeshard.partitioner.key.Compression;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParquetRecordFormatTest {

  static final Schema ADDRESS =
      SchemaBuilder.struct()
          .name("shop.Address")
          .field("street", Schema.STRING_SCHEMA)
          .field("zip", Schema.OPTIONAL_INT32_SCHEMA)
          .optional()
          .build();

  static final Schema LINE =
      SchemaBuilder.struct()
          .name("shop.Line")
          .field("sku", Schema.STRING_SCHEMA)
          .field("qty", Schema.INT32_SCHEMA)
          .build();

  static final Schema AMOUNT = Decimal.schema(2);

  /** Every kind of field the sinks convert, with connect.name and connect.version. */
  static final Schema ORDER =
      SchemaBuilder.struct()
          .name("shop.Order")
          .version(3)
          .doc("an order")
          .field("id", Schema.INT64_SCHEMA)
          .field("tiny", Schema.INT8_SCHEMA)
          .field("small", Schema.INT16_SCHEMA)
          .field("ratio", Schema.FLOAT32_SCHEMA)
          .field("price", Schema.FLOAT64_SCHEMA)
          .field("paid", Schema.BOOLEAN_SCHEMA)
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .field("region", SchemaBuilder.string().defaultValue("eu").build())
          .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
          .field("attributes", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
          .field("byShelf", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build())
          .field("payload", Schema.BYTES_SCHEMA)
          .field("amount", AMOUNT)
          .field("day", org.apache.kafka.connect.data.Date.SCHEMA)
          .field("at", Time.SCHEMA)
          .field("created", Timestamp.SCHEMA)
          .field("updated", Timestamp.builder().optional().build())
          .field("address", ADDRESS)
          .field("lines", SchemaBuilder.array(LINE).build())
          .build();

  static Struct order(long i) {
    return new Struct(ORDER)
        .put("id", i)
        .put("tiny", (byte) (i % 100))
        .put("small", (short) (i * 7 % 30_000))
        .put("ratio", i / 4f)
        .put("price", i * 1.25)
        .put("paid", i % 2 == 0)
        .put("note", i % 3 == 0 ? null : "note " + i)
        .put("region", i % 5 == 0 ? "us" : "eu")
        .put("tags", List.of("t" + i, "all"))
        .put("attributes", Map.of("size", (int) i % 40, "colour", 3))
        .put("byShelf", Map.of((int) i, "shelf-" + i, -1, "back"))
        .put("payload", ("bytes-" + i).getBytes(StandardCharsets.UTF_8))
        .put("amount", BigDecimal.valueOf(i * 101, 2))
        .put("day", new Date((i % 1000) * 86_400_000L))
        .put("at", new Date((i * 1000) % 86_400_000L))
        .put("created", new Date(1_760_000_000_000L + i))
        .put("updated", i % 4 == 0 ? null : new Date(1_760_000_100_000L + i))
        .put(
            "address",
            i % 6 == 0
                ? null
                : new Struct(ADDRESS)
                    .put("street", "street " + i)
                    .put("zip", i % 2 == 0 ? null : (int) i))
        .put(
            "lines",
            List.of(
                new Struct(LINE).put("sku", "a" + i).put("qty", 1),
                new Struct(LINE).put("sku", "b" + i).put("qty", (int) i)));
  }

  @TempDir Path dir;

  /** Writes {@code count} orders as one object and returns its key and bytes. */
  private Map.Entry<String, byte[]> write(
      Path folder, SinkFormat format, String parquetCodec, long rowGroupBytes, int count)
      throws IOException {
    FolderSink sink = ObjectSink.folder(folder);
    try (BackupWriter writer =
        BackupWriter.to(sink)
            .format(format)
            .parquetCodec(parquetCodec)
            .parquetRowGroupBytes(rowGroupBytes)
            .parquetPageBytes(4 * 1024)
            .flushSize(count)
            .build()) {
      for (long i = 0; i < count; i++) {
        writer.write(BackupRecord.of("orders", 0, i).value(ORDER, order(i)).build());
      }
    }
    String key = sink.keys().get(0);
    return Map.entry(key, sink.get(key));
  }

  static List<SchemaAndValue> readAll(RecordReader reader) throws IOException {
    List<SchemaAndValue> records = new ArrayList<>();
    try (reader) {
      for (SchemaAndValue record = reader.next(); record != null; record = reader.next()) {
        records.add(record);
      }
    }
    return records;
  }

  /** The same records as Avro and as Parquet: the same Connect data, whatever the codec. */
  @ParameterizedTest
  @ValueSource(strings = {"none", "snappy", "gzip", "zstd", "lz4", "lz4_raw"})
  void restoresWhatTheAvroPathRestores(String codec) throws IOException {
    int count = 400;
    Map.Entry<String, byte[]> avro = write(dir.resolve("avro"), SinkFormat.AVRO, codec, 1, count);
    Map.Entry<String, byte[]> parquet =
        write(dir.resolve("parquet"), SinkFormat.PARQUET, codec, 8 * 1024, count);
    String extension = codec.equals("none") ? "" : "." + codec;
    extension =
        Map.of(".gzip", ".gz", ".lz4", ".lz4hadoop", ".lz4_raw", ".lz4raw")
            .getOrDefault(extension, extension);
    assertThat(parquet.getKey()).endsWith("+0+0000000000" + extension + ".parquet");

    List<SchemaAndValue> fromAvro =
        readAll(
            new AvroRecordFormat()
                .open(new ByteArrayInputStream(avro.getValue()), Compression.NONE));
    ParquetRecordFormat format = new ParquetRecordFormat();
    Ranges bytes = new Ranges(parquet.getKey(), parquet.getValue());
    RecordReader reader = format.open(bytes, Compression.NONE);
    assertThat(((ParquetObjectReader) reader).rowGroupCount()).isGreaterThan(1);
    List<SchemaAndValue> fromParquet = readAll(reader);

    assertThat(fromParquet).hasSize(count);
    assertThat(fromParquet.get(0).schema()).isEqualTo(fromAvro.get(0).schema());
    assertThat(fromParquet.get(0).schema().name()).isEqualTo("shop.Order");
    assertThat(fromParquet.get(0).schema().version()).isEqualTo(3);
    for (int i = 0; i < count; i++) {
      assertThat(fromParquet.get(i).value()).as("record %d", i).isEqualTo(fromAvro.get(i).value());
    }
    Struct first = (Struct) fromParquet.get(1).value();
    assertThat(first.get("amount")).isEqualTo(BigDecimal.valueOf(101, 2));
    assertThat(first.getMap("byShelf")).containsEntry(1, "shelf-1");
    assertThat(first.getStruct("address").get("zip")).isEqualTo(1);
  }

  /** Skipping passes over whole row groups by their row counts, without reading them. */
  @Test
  void skipsWholeRowGroupsUnread() throws IOException {
    int count = 2000;
    Map.Entry<String, byte[]> parquet = write(dir, SinkFormat.PARQUET, "snappy", 16 * 1024, count);
    ParquetRecordFormat format = new ParquetRecordFormat();

    Ranges all = new Ranges(parquet.getKey(), parquet.getValue());
    List<SchemaAndValue> every = readAll(format.open(all, Compression.NONE));
    assertThat(every).hasSize(count);

    Ranges some = new Ranges(parquet.getKey(), parquet.getValue());
    ParquetObjectReader reader = (ParquetObjectReader) format.open(some, Compression.NONE);
    int groups = reader.rowGroupCount();
    assertThat(groups).isGreaterThan(4);
    long skip = count - 10;
    assertThat(reader.skip(skip)).isEqualTo(skip);
    // All but the last row group (or two) were passed over, their bytes never asked for.
    assertThat(reader.nextRowGroupIndex()).isGreaterThanOrEqualTo(groups - 2);
    List<SchemaAndValue> rest = readAll(reader);
    assertThat(rest).isEqualTo(every.subList((int) skip, count));
    assertThat(some.bytesRead).isLessThan(all.bytesRead / 2);

    // Past the end: as many as there are.
    ParquetObjectReader whole = (ParquetObjectReader) format.open(all, Compression.NONE);
    assertThat(whole.skip(count + 5)).isEqualTo(count);
    assertThat(whole.next()).isNull();
    whole.close();
  }

  /**
   * The object is read in ranges, never whole: its tail once, then each row group's column chunks
   * in windows; the reader holds about one row group.
   */
  @Test
  void readsInRangesAndHoldsOneRowGroup() throws IOException {
    int count = 20_000;
    Map.Entry<String, byte[]> parquet = write(dir, SinkFormat.PARQUET, "none", 128 * 1024, count);
    int size = parquet.getValue().length;
    assertThat(size).isGreaterThan(1024 * 1024);
    Ranges ranges = new Ranges(parquet.getKey(), parquet.getValue());
    RecordReader reader = new ParquetRecordFormat().open(ranges, Compression.NONE);
    assertThat(reader.heldBytes()).isLessThan(size / 4);
    assertThat(readAll(reader)).hasSize(count);
    assertThat(ranges.largestRange).isLessThanOrEqualTo(RangedInputFile.WINDOW_BYTES);
    assertThat(ranges.bytesRead).isLessThan(2L * size);
    assertThat(ranges.opens).isGreaterThanOrEqualTo(2);
    assertThat(ranges.largestRange).isLessThan(size);
    assertThat(ranges.wholeOpens).isZero();
  }

  @Test
  void smallObjectsTakeOneRead() throws IOException {
    Map.Entry<String, byte[]> parquet = write(dir, SinkFormat.PARQUET, "snappy", 1 << 20, 1);
    Ranges ranges = new Ranges(parquet.getKey(), parquet.getValue());
    assertThat(readAll(new ParquetRecordFormat().open(ranges, Compression.NONE))).hasSize(1);
    assertThat(ranges.opens).isEqualTo(1);
  }

  /** LZO and Brotli have no pure-Java reader: refused by name, with the key, before any page. */
  @ParameterizedTest
  @ValueSource(strings = {"LZO", "BROTLI"})
  void refusesCodecsWithoutAPureJavaReader(String codec) throws IOException {
    Map.Entry<String, byte[]> parquet = write(dir, SinkFormat.PARQUET, "none", 1 << 20, 3);
    byte[] relabelled = withCodec(parquet.getValue(), CompressionCodec.valueOf(codec));
    String key =
        "topics/orders/partition=0/orders+0+0000000000." + codec.toLowerCase() + ".parquet";
    assertThatThrownBy(
            () -> new ParquetRecordFormat().open(new Ranges(key, relabelled), Compression.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(key)
        .hasMessageContaining("Parquet codec " + (codec.equals("LZO") ? "lzo" : "brotli"))
        .hasMessageContaining("column 'id'");
  }

  @Test
  void refusesWhatIsNotParquet() {
    byte[] junk = "not parquet at all, just text".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> new ParquetRecordFormat().open(new Ranges("k.parquet", junk), Compression.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Parquet");
  }

  /** A file whose footer names another codec for every column chunk, pages unchanged. */
  static byte[] withCodec(byte[] file, CompressionCodec codec) throws IOException {
    int footerLength =
        ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int footerStart = file.length - 8 - footerLength;
    FileMetaData metadata =
        Util.readFileMetaData(new ByteArrayInputStream(file, footerStart, footerLength));
    for (RowGroup group : metadata.getRow_groups()) {
      for (ColumnChunk column : group.getColumns()) {
        column.getMeta_data().setCodec(codec);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(file, 0, footerStart);
    ByteArrayOutputStream footer = new ByteArrayOutputStream();
    Util.writeFileMetaData(metadata, footer);
    out.write(footer.toByteArray());
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.size()).array());
    out.write(Arrays.copyOfRange(file, file.length - 4, file.length));
    return out.toByteArray();
  }

  /** An object in memory, read in ranges: counts what is asked for. */
  static final class Ranges implements ObjectBytes {
    final String key;
    final byte[] bytes;
    int opens;
    int wholeOpens;
    long bytesRead;
    long largestRange;

    Ranges(String key, byte[] bytes) {
      this.key = key;
      this.bytes = bytes;
    }

    @Override
    public String key() {
      return key;
    }

    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public InputStream open() {
      wholeOpens++;
      return new ByteArrayInputStream(bytes);
    }

    @Override
    public InputStream open(long offset, long length) {
      opens++;
      bytesRead += length;
      largestRange = Math.max(largestRange, length);
      return new ByteArrayInputStream(bytes, (int) offset, (int) length);
    }
  }
}
