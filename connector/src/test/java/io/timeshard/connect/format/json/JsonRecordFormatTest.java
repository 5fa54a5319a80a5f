package io.timeshard.connect.format.json;

import static io.timeshard.connect.format.Objects.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeshard.connect.format.Objects.CountingInputStream;
import io.timeshard.connect.format.Objects.TrickleInputStream;
import io.timeshard.connect.format.RecordReader;
import io.timeshard.fixtures.BackupRecord;
import io.timeshard.fixtures.BackupWriter;
import io.timeshard.fixtures.Damage;
import io.timeshard.fixtures.FolderSink;
import io.timeshard.fixtures.ObjectSink;
import io.timeshard.fixtures.SinkFormat;
import io.timeshard.partitioner.key.Compression;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonRecordFormatTest {

  private static final Schema ORDER =
      SchemaBuilder.struct()
          .name("shop.Order")
          .field("id", Schema.INT64_SCHEMA)
          .field("region", Schema.STRING_SCHEMA)
          .field("price", Schema.FLOAT64_SCHEMA)
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  @TempDir Path dir;
  private FolderSink folder;

  @BeforeEach
  void setUp() {
    folder = ObjectSink.folder(dir);
  }

  private static Struct order(long id) {
    return new Struct(ORDER).put("id", id).put("region", "eu").put("price", 1.5);
  }

  private byte[] writeOrders(BackupWriter.Builder builder, int count) throws IOException {
    try (BackupWriter writer = builder.format(SinkFormat.JSON).flushSize(count).build()) {
      for (long offset = 0; offset < count; offset++) {
        writer.write(BackupRecord.of("orders", 0, offset).value(ORDER, order(offset)).build());
      }
    }
    return folder.get(folder.keys().get(0));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void readsSchemalessLines(boolean gzip) throws IOException {
    byte[] object = writeOrders(BackupWriter.to(folder).gzip(gzip), 3);
    assertThat(folder.keys().get(0)).endsWith(gzip ? ".json.gz" : ".json");

    List<SchemaAndValue> records =
        readAll(new JsonRecordFormat(false), object, gzip ? Compression.GZIP : Compression.NONE);
    assertThat(records).hasSize(3);
    assertThat(records.get(2).schema()).isNull();
    Map<?, ?> value = (Map<?, ?>) records.get(2).value();
    assertThat(value.get("id")).isEqualTo(2L);
    assertThat(value.get("region")).isEqualTo("eu");
    assertThat(value.get("price")).isEqualTo(1.5);
    assertThat(value.containsKey("note")).isTrue();
    assertThat(value.get("note")).isNull();
  }

  @Test
  void readsSchemalessValuesOfEveryKind() throws IOException {
    try (BackupWriter writer =
        BackupWriter.to(folder).format(SinkFormat.JSON).lineSeparator("\r\n").build()) {
      writer.write(BackupRecord.of("t", 0, 0).value(Map.of("a", List.of(1, 2))).build());
      writer.write(BackupRecord.of("t", 0, 1).value("text").build());
      writer.write(BackupRecord.of("t", 0, 2).value(42).build());
    }
    List<SchemaAndValue> records =
        readAll(new JsonRecordFormat(false), folder.get(folder.keys().get(0)), Compression.NONE);
    assertThat(records)
        .extracting(SchemaAndValue::value)
        .containsExactly(Map.of("a", List.of(1L, 2L)), "text", 42L);
  }

  @Test
  void readsEnvelopesWithSchemas() throws IOException {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "true"), false);
    StringBuilder object = new StringBuilder();
    for (long id = 0; id < 2; id++) {
      object
          .append(
              new String(converter.fromConnectData("t", ORDER, order(id)), StandardCharsets.UTF_8))
          .append('\n');
    }
    byte[] bytes = object.toString().getBytes(StandardCharsets.UTF_8);

    List<SchemaAndValue> records = readAll(new JsonRecordFormat(true), bytes, Compression.NONE);
    assertThat(records).hasSize(2);
    assertThat(records.get(1).schema().name()).isEqualTo("shop.Order");
    assertThat(records.get(1).value()).isEqualTo(order(1));

    // Schemaless lines are no envelopes.
    byte[] plain = writeOrders(BackupWriter.to(folder), 1);
    assertThatThrownBy(() -> readAll(new JsonRecordFormat(true), plain, Compression.NONE))
        .isInstanceOf(DataException.class);
  }

  @Test
  void blankLinesAreSkipped() throws IOException {
    byte[] object = "\n{\"a\":1}\n\n  \n{\"a\":2}\n".getBytes(StandardCharsets.UTF_8);
    assertThat(readAll(new JsonRecordFormat(false), object, Compression.NONE)).hasSize(2);
  }

  @Test
  void aTruncatedObjectIsAnIOException() throws IOException {
    byte[] object = writeOrders(BackupWriter.to(folder.damaging(k -> true, Damage.dropLast(5))), 3);
    assertThatThrownBy(() -> readAll(new JsonRecordFormat(false), object, Compression.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ends inside a record");
  }

  @Test
  void aTruncatedGzipObjectIsAnIOException() throws IOException {
    byte[] object =
        writeOrders(
            BackupWriter.to(folder.damaging(k -> true, Damage.dropLast(12))).gzip(true), 50);
    assertThatThrownBy(() -> readAll(new JsonRecordFormat(false), object, Compression.GZIP))
        .isInstanceOf(IOException.class);
  }

  @Test
  void garbageIsAnIOException() throws IOException {
    byte[] object = "{\"a\":1}\n{not json\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> readAll(new JsonRecordFormat(false), object, Compression.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line 2");
    byte[] notGzip = "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> readAll(new JsonRecordFormat(false), notGzip, Compression.GZIP))
        .isInstanceOf(IOException.class);
  }

  @Test
  void readsAcrossEveryBufferBoundary() throws IOException {
    byte[] object = writeOrders(BackupWriter.to(folder), 5);
    List<SchemaAndValue> records =
        readAll(
            new JsonRecordFormat(false),
            new TrickleInputStream(new ByteArrayInputStream(object)),
            Compression.NONE);
    assertThat(records).hasSize(5);
  }

  @Test
  void streamsTheObject() throws IOException {
    byte[] object = writeOrders(BackupWriter.to(folder), 50_000);
    CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(object));
    try (RecordReader reader = new JsonRecordFormat(false).open(in, Compression.NONE)) {
      assertThat(((Map<?, ?>) reader.next().value()).get("id")).isEqualTo(0L);
      assertThat(in.count()).isLessThan(object.length / 2);
    }
    assertThat(in.closed()).isTrue();
  }
}
