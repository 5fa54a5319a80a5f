package io.timeshard.connect.format;

import static io.timeshard.connect.format.Objects.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeshard.connect.format.avro.AvroRecordFormat;
import io.timeshard.connect.format.json.JsonRecordFormat;
import io.timeshard.fixtures.BackupRecord;
import io.timeshard.fixtures.BackupWriter;
import io.timeshard.fixtures.FolderSink;
import io.timeshard.fixtures.ObjectSink;
import io.timeshard.fixtures.SinkFormat;
import io.timeshard.partitioner.key.Compression;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompanionRecordsTest {

  private static final Schema KEY =
      SchemaBuilder.struct().name("shop.OrderKey").field("id", Schema.INT64_SCHEMA).build();

  @TempDir Path dir;
  private FolderSink folder;

  @BeforeEach
  void setUp() {
    folder = ObjectSink.folder(dir);
  }

  private void write(BackupWriter.Builder builder) throws IOException {
    try (BackupWriter writer = builder.storeKeys(true).storeHeaders(true).build()) {
      for (long offset = 0; offset < 3; offset++) {
        writer.write(
            BackupRecord.of("orders", 0, offset)
                .key(KEY, new Struct(KEY).put("id", offset))
                .value(Schema.STRING_SCHEMA, "v" + offset)
                .header("trace", "t" + offset)
                .header("n", Schema.INT32_SCHEMA, (int) offset)
                .header("flag", Schema.BOOLEAN_SCHEMA, true)
                .build());
      }
    }
  }

  private List<SchemaAndValue> read(RecordFormat format, String suffix) throws IOException {
    String key = folder.keys().stream().filter(k -> k.endsWith(suffix)).findFirst().orElseThrow();
    return readAll(format, folder.get(key), Compression.NONE);
  }

  private static void assertHeaders(List<SchemaAndValue> records) {
    assertThat(records).hasSize(3);
    for (int i = 0; i < 3; i++) {
      Headers headers = CompanionRecords.headers(records.get(i));
      List<String> texts = new ArrayList<>();
      for (Header header : headers) {
        assertThat(header.schema()).isEqualTo(Schema.STRING_SCHEMA);
        texts.add(header.key() + "=" + header.value());
      }
      assertThat(texts).containsExactly("trace=t" + i, "n=" + i, "flag=true");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void avroKeysAndHeaders(boolean envelope) throws IOException {
    write(BackupWriter.to(folder).envelopeKeys(envelope).envelopeHeaders(envelope));
    AvroRecordFormat avro = new AvroRecordFormat();

    List<SchemaAndValue> keys = read(avro, ".keys.avro");
    assertThat(keys).hasSize(3);
    for (int i = 0; i < 3; i++) {
      SchemaAndValue key = CompanionRecords.key(keys.get(i));
      assertThat(key.schema().name()).isEqualTo("shop.OrderKey");
      assertThat(((Struct) key.value()).getInt64("id")).isEqualTo(i);
    }
    assertHeaders(read(avro, ".headers.avro"));
  }

  @Test
  void jsonKeysAndEnvelopedHeaders() throws IOException {
    write(BackupWriter.to(folder).format(SinkFormat.JSON));
    JsonRecordFormat json = new JsonRecordFormat(false);

    List<SchemaAndValue> keys = read(json, ".keys.json");
    assertThat(CompanionRecords.key(keys.get(2)).value()).isEqualTo(Map.of("id", 2L));
    assertHeaders(read(json, ".headers.json"));
  }

  @Test
  void jsonHeadersAsAPlainArray() throws IOException {
    write(BackupWriter.to(folder).format(SinkFormat.JSON).envelopeHeaders(false));
    assertHeaders(read(new JsonRecordFormat(false), ".headers.json"));
  }

  @Test
  void primitiveKeysPassThrough() {
    SchemaAndValue key = new SchemaAndValue(Schema.STRING_SCHEMA, "k");
    assertThat(CompanionRecords.key(key)).isSameAs(key);
    SchemaAndValue schemaless = new SchemaAndValue(null, Map.of("key", "k"));
    assertThat(CompanionRecords.key(schemaless)).isSameAs(schemaless);
  }

  @Test
  void nullHeaderValuesStayNull() {
    Headers headers =
        CompanionRecords.headers(
            new SchemaAndValue(null, List.of(java.util.Collections.singletonMap("key", "k"))));
    assertThat(headers.lastWithName("k").value()).isNull();
  }

  @Test
  void aValueRecordIsNotAHeadersRecord() {
    assertThatThrownBy(
            () -> CompanionRecords.headers(new SchemaAndValue(Schema.STRING_SCHEMA, "v")))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("not a headers record");
  }
}
