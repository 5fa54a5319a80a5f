package io.timeshard.connect.format.avro;

import static io.timeshard.connect.format.Objects.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeshard.connect.format.Objects.CountingInputStream;
import io.timeshard.connect.format.RecordReader;
import io.timeshard.fixtures.BackupRecord;
import io.timeshard.fixtures.BackupWriter;
import io.timeshard.fixtures.Damage;
import io.timeshard.fixtures.FolderSink;
import io.timeshard.fixtures.ObjectSink;
import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.key.Compression;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AvroRecordFormatTest {

  private static final Schema ADDRESS =
      SchemaBuilder.struct()
          .name("shop.Address")
          .field("city", Schema.STRING_SCHEMA)
          .field("zip", Schema.OPTIONAL_STRING_SCHEMA)
          .optional()
          .build();

  private static final Schema ORDER =
      SchemaBuilder.struct()
          .name("shop.Order")
          .version(7)
          .doc("An order")
          .field("id", Schema.INT64_SCHEMA)
          .field("tiny", Schema.INT8_SCHEMA)
          .field("small", Schema.INT16_SCHEMA)
          .field("price", Decimal.schema(2))
          .field("day", Date.SCHEMA)
          .field("at", Timestamp.SCHEMA)
          .field("byId", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build())
          .field("tags", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
          .field("lines", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
          .field("raw", Schema.OPTIONAL_BYTES_SCHEMA)
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .field("address", ADDRESS)
          .build();

  @TempDir Path dir;
  private FolderSink folder;

  @BeforeEach
  void setUp() {
    folder = ObjectSink.folder(dir);
  }

  private static Struct order(long id) {
    return new Struct(ORDER)
        .put("id", id)
        .put("tiny", (byte) -3)
        .put("small", (short) 1234)
        .put("price", new BigDecimal("1234.56"))
        .put("day", new java.util.Date(19_000L * 24 * 60 * 60 * 1000))
        .put("at", new java.util.Date(1_700_000_000_123L))
        .put("byId", Map.of(1, "one", 2, "two"))
        .put("tags", Map.of("a", 1))
        .put("lines", List.of("x", "y"))
        .put("raw", ByteBuffer.wrap(new byte[] {0, 1, 2}))
        .put("note", id % 2 == 0 ? null : "odd")
        .put("address", id % 2 == 0 ? null : new Struct(ADDRESS).put("city", "Madrid"));
  }

  private List<SchemaAndValue> write(BackupWriter.Builder builder, int count) throws IOException {
    try (BackupWriter writer = builder.build()) {
      for (long offset = 0; offset < count; offset++) {
        writer.write(BackupRecord.of("orders", 0, offset).value(ORDER, order(offset)).build());
      }
    }
    return readAll(new AvroRecordFormat(), folder.get(folder.keys().get(0)), Compression.NONE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "deflate", "snappy", "bzip2", "zstandard"})
  void readsEveryCodecWithTheConnectConventions(String codec) throws IOException {
    List<SchemaAndValue> records = write(BackupWriter.to(folder).avroCodec(codec), 20);

    assertThat(records).hasSize(20);
    Schema schema = records.get(0).schema();
    assertThat(schema.name()).isEqualTo("shop.Order");
    assertThat(schema.version()).isEqualTo(7);
    assertThat(schema.doc()).isEqualTo("An order");
    assertThat(schema.field("tiny").schema().type()).isEqualTo(Schema.Type.INT8);
    assertThat(schema.field("small").schema().type()).isEqualTo(Schema.Type.INT16);
    assertThat(schema.field("price").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
    assertThat(schema.field("byId").schema().keySchema().type()).isEqualTo(Schema.Type.INT32);
    assertThat(schema.field("note").schema().isOptional()).isTrue();
    assertThat(schema.field("address").schema().name()).isEqualTo("shop.Address");

    for (int i = 0; i < records.size(); i++) {
      Struct expected = order(i);
      Struct actual = (Struct) records.get(i).value();
      for (org.apache.kafka.connect.data.Field field : ORDER.fields()) {
        if (field.name().equals("address")) {
          continue;
        }
        assertThat(actual.get(field.name())).as(field.name()).isEqualTo(expected.get(field));
      }
      Struct address = actual.getStruct("address");
      if (i % 2 == 0) {
        assertThat(address).isNull();
      } else {
        assertThat(address.getString("city")).isEqualTo("Madrid");
        assertThat(address.getString("zip")).isNull();
      }
    }
  }

  @Test
  void topLevelPrimitives() throws IOException {
    try (BackupWriter writer = BackupWriter.to(folder).build()) {
      writer.write(BackupRecord.of("t", 0, 0).value(Schema.INT16_SCHEMA, (short) 5).build());
      writer.write(BackupRecord.of("t", 0, 1).value(Schema.INT16_SCHEMA, (short) -5).build());
    }
    List<SchemaAndValue> records =
        readAll(new AvroRecordFormat(), folder.get(folder.keys().get(0)), Compression.NONE);
    assertThat(records).extracting(SchemaAndValue::value).containsExactly((short) 5, (short) -5);
    assertThat(records.get(0).schema().type()).isEqualTo(Schema.Type.INT16);
  }

  @Test
  void aNullDatumIsANullValueWithTheSchema() throws IOException {
    org.apache.avro.Schema optional =
        new org.apache.avro.Schema.Parser()
            .parse("[\"null\", {\"type\": \"record\", \"name\": \"R\", \"fields\": []}]");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (org.apache.avro.file.DataFileWriter<Object> writer =
        new org.apache.avro.file.DataFileWriter<>(
            new org.apache.avro.generic.GenericDatumWriter<>())) {
      writer.create(optional, out);
      writer.append(null);
    }
    List<SchemaAndValue> records =
        readAll(new AvroRecordFormat(), out.toByteArray(), Compression.NONE);
    assertThat(records).hasSize(1);
    assertThat(records.get(0).value()).isNull();
    assertThat(records.get(0).schema().isOptional()).isTrue();
  }

  @Test
  void anObjectWithoutBlocksHasNoRecords() throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (org.apache.avro.file.DataFileWriter<Object> writer =
        new org.apache.avro.file.DataFileWriter<>(
            new org.apache.avro.generic.GenericDatumWriter<>())) {
      writer.create(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING), out);
    }
    assertThat(readAll(new AvroRecordFormat(), out.toByteArray(), Compression.NONE)).isEmpty();
  }

  /** Four one-record objects: three orders, then a record of another schema, {@code shop.Other}. */
  private void writeThreeOrdersThenAnotherSchema() throws IOException {
    Schema other =
        SchemaBuilder.struct().name("shop.Other").field("n", Schema.INT32_SCHEMA).build();
    try (BackupWriter writer = BackupWriter.to(folder).flushSize(1).build()) {
      for (long offset = 0; offset < 3; offset++) {
        writer.write(BackupRecord.of("orders", 0, offset).value(ORDER, order(offset)).build());
      }
      writer.write(
          BackupRecord.of("orders", 0, 3).value(other, new Struct(other).put("n", 1)).build());
    }
  }

  @Test
  void theSchemaCacheConvertsEachWriterSchemaOnce() throws IOException {
    writeThreeOrdersThenAnotherSchema();
    AvroRecordFormat format = new AvroRecordFormat();
    List<Schema> schemas = new java.util.ArrayList<>();
    for (String key : folder.keys()) {
      schemas.add(readAll(format, folder.get(key), Compression.NONE).get(0).schema());
    }
    assertThat(format.schemaCacheMisses()).isEqualTo(2);
    assertThat(format.schemaCacheHits()).isEqualTo(2);
    assertThat(schemas.get(1)).isSameAs(schemas.get(0));
    assertThat(schemas.get(2)).isSameAs(schemas.get(0));
    assertThat(schemas.get(3).name()).isEqualTo("shop.Other");
  }

  @Test
  void oneInstanceReadsOnSeveralThreadsAtOnceAndConvertsEachSchemaOnce() throws Exception {
    try (BackupWriter writer = BackupWriter.to(folder).flushSize(1).build()) {
      for (long offset = 0; offset < 200; offset++) {
        writer.write(BackupRecord.of("orders", 0, offset).value(ORDER, order(offset)).build());
      }
    }
    AvroRecordFormat format = new AvroRecordFormat();
    assertThat(format.isThreadSafe()).isTrue();
    List<String> keys = folder.keys();
    java.util.concurrent.ExecutorService threads =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Long>> ids = new java.util.ArrayList<>();
      for (String key : keys) {
        ids.add(
            threads.submit(
                () -> {
                  List<SchemaAndValue> records = readAll(format, folder.get(key), Compression.NONE);
                  assertThat(records).hasSize(1);
                  assertThat(records.get(0).value()).isEqualTo(order(offsetOf(key)));
                  return ((Struct) records.get(0).value()).getInt64("id");
                }));
      }
      long sum = 0;
      for (java.util.concurrent.Future<Long> id : ids) {
        sum += id.get();
      }
      assertThat(sum).isEqualTo(199L * 200 / 2);
    } finally {
      threads.shutdownNow();
    }
    assertThat(format.schemaCacheMisses()).isEqualTo(1);
    assertThat(format.schemaCacheHits()).isEqualTo(199);
  }

  @Test
  void objectsOfOneSchemaShareOneDatumReaderMadeWithTheSchema() throws IOException {
    writeThreeOrdersThenAnotherSchema();
    AvroRecordFormat format = new AvroRecordFormat();
    List<org.apache.avro.io.DatumReader<Object>> readers = new java.util.ArrayList<>();
    List<SchemaAndValue> records = new java.util.ArrayList<>();
    for (String key : folder.keys()) {
      try (RecordReader reader =
          format.open(new ByteArrayInputStream(folder.get(key)), Compression.NONE)) {
        readers.add(AvroRecordFormat.datumReaderOf(reader));
        records.add(reader.next());
        assertThat(reader.next()).isNull();
      }
    }
    // Resolving a schema into a reader costs more than a small record: once per schema.
    assertThat(readers.get(1)).isSameAs(readers.get(0));
    assertThat(readers.get(2)).isSameAs(readers.get(0));
    assertThat(readers.get(3)).isNotSameAs(readers.get(0));
    for (int i = 0; i < 3; i++) {
      assertThat(records.get(i).value()).isEqualTo(order(i));
    }
    assertThat(((Struct) records.get(3).value()).getInt32("n")).isEqualTo(1);
  }

  private static long offsetOf(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    String[] fields = name.substring(0, name.indexOf('.')).split("\\+");
    return Long.parseLong(fields[fields.length - 1]);
  }

  @Test
  void objectsAreOpenedWithoutLookingUpConversionsEachTime() throws IOException {
    try (BackupWriter writer = BackupWriter.to(folder).flushSize(1).build()) {
      for (long offset = 0; offset < 50; offset++) {
        writer.write(BackupRecord.of("orders", 0, offset).value(ORDER, order(offset)).build());
      }
    }
    int before = CountingConversion.instances();
    AvroRecordFormat format = new AvroRecordFormat();
    for (String key : folder.keys()) {
      assertThat(readAll(format, folder.get(key), Compression.NONE)).hasSize(1);
    }
    // Each lookup of conversions creates the registered ones anew: once per format, not per object.
    assertThat(CountingConversion.instances() - before).isEqualTo(1);
  }

  @Test
  void theSchemaCacheIsBounded() {
    AvroSchemaCache cache =
        new AvroSchemaCache(new io.apicurio.registry.utils.converter.avro.AvroData(10), 2);
    org.apache.avro.Schema a = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
    org.apache.avro.Schema b = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG);
    org.apache.avro.Schema c = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING);
    cache.get(a);
    cache.get(b);
    cache.get(a);
    cache.get(c);
    assertThat(cache.size()).isEqualTo(2);
    cache.get(a);
    assertThat(cache.hits()).isEqualTo(2);
    cache.get(b);
    assertThat(cache.misses()).isEqualTo(4);
  }

  @Test
  void theSameSchemaBytesAsTheLastLookupAreFoundWithoutTheMap() {
    AvroSchemaCache cache =
        new AvroSchemaCache(new io.apicurio.registry.utils.converter.avro.AvroData(10), 2);
    java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
    String a =
        "{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}";
    String b =
        "{\"type\":\"record\",\"name\":\"B\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}";
    AvroSchemaCache.Entry first = cache.get(ByteBuffer.wrap(a.getBytes(utf8)));
    assertThat(cache.get(ByteBuffer.wrap(a.getBytes(utf8)))).isSameAs(first);
    assertThat(cache.get(ByteBuffer.wrap(a.getBytes(utf8)))).isSameAs(first);
    assertThat(cache.sameAsLast()).isEqualTo(2);
    AvroSchemaCache.Entry other = cache.get(ByteBuffer.wrap(b.getBytes(utf8)));
    assertThat(other).isNotSameAs(first);
    assertThat(other.avroSchema().getName()).isEqualTo("B");
    // Back to the first: found in the map, then again as the last one.
    assertThat(cache.get(ByteBuffer.wrap(a.getBytes(utf8)))).isSameAs(first);
    assertThat(cache.get(ByteBuffer.wrap(a.getBytes(utf8)))).isSameAs(first);
    assertThat(cache.sameAsLast()).isEqualTo(3);
    assertThat(cache.misses()).isEqualTo(2);
    assertThat(cache.hits()).isEqualTo(4);
  }

  @Test
  void garbageIsAnIOException() throws IOException {
    try (BackupWriter writer =
        BackupWriter.to(folder.damaging(key -> true, Damage.garbage())).build()) {
      writer.write(BackupRecord.of("orders", 0, 0).value(ORDER, order(0)).build());
    }
    byte[] object = folder.get(folder.keys().get(0));
    assertThatThrownBy(() -> readAll(new AvroRecordFormat(), object, Compression.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a readable Avro object");
  }

  @ParameterizedTest(name = "{0}, {1} bytes short")
  @CsvSource({"null, 1", "null, 16", "null, 30", "deflate, 1", "snappy, 17", "zstandard, 30"})
  void truncatedObjectsAreIOExceptions(String codec, int missing) throws IOException {
    try (BackupWriter writer =
        BackupWriter.to(folder.damaging(key -> true, Damage.dropLast(missing)))
            .avroCodec(codec)
            .build()) {
      for (long offset = 0; offset < 5; offset++) {
        writer.write(BackupRecord.of("orders", 0, offset).value(ORDER, order(offset)).build());
      }
    }
    byte[] object = folder.get(folder.keys().get(0));
    assertThatThrownBy(() -> readAll(new AvroRecordFormat(), object, Compression.NONE))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aDamagedSyncMarkerIsAnIOException() throws IOException {
    try (BackupWriter writer =
        BackupWriter.to(folder.damaging(key -> true, Damage.invert(-4, 4))).build()) {
      writer.write(BackupRecord.of("orders", 0, 0).value(ORDER, order(0)).build());
    }
    byte[] object = folder.get(folder.keys().get(0));
    assertThatThrownBy(() -> readAll(new AvroRecordFormat(), object, Compression.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("corrupt or truncated");
  }

  @Test
  void streamsTheObjectBlockByBlock() throws IOException {
    write(BackupWriter.to(folder).flushSize(20_000), 20_000);
    byte[] object = folder.get(folder.keys().get(0));
    assertThat(object.length).isGreaterThan(1_000_000);

    CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(object));
    AvroRecordFormat format = new AvroRecordFormat();
    assertThat(format.format()).isEqualTo(BackupFormat.AVRO);
    try (RecordReader reader = format.open(in, Compression.NONE)) {
      assertThat(((Struct) reader.next().value()).getInt64("id")).isZero();
      assertThat(in.count()).isLessThan(200_000);
    }
    assertThat(in.closed()).isTrue();
  }
}
