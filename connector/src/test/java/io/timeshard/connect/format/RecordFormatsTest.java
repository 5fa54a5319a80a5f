package io.timeshard.connect.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeshard.connect.format.avro.AvroRecordFormat;
import io.timeshard.connect.format.bytes.BytesRecordFormat;
import io.timeshard.connect.format.json.JsonRecordFormat;
import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.key.Compression;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordFormatsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "io.confluent.connect.s3.format.avro.AvroFormat, AVRO",
    "io.confluent.connect.s3.format.json.JsonFormat, JSON",
    "io.confluent.connect.s3.format.bytearray.ByteArrayFormat, BYTES",
    "io.confluent.connect.gcs.format.avro.AvroFormat, AVRO",
    "io.confluent.connect.gcs.format.json.JsonFormat, JSON",
    "io.confluent.connect.gcs.format.bytearray.ByteArrayFormat, BYTES",
    "io.confluent.connect.azure.blob.format.avro.AvroFormat, AVRO",
    "io.confluent.connect.azure.blob.format.json.JsonFormat, JSON",
    "io.confluent.connect.azure.blob.format.bytearray.ByteArrayFormat, BYTES",
    "io.confluent.connect.azure.blob.storage.format.avro.AvroFormat, AVRO",
    "io.confluent.connect.azure.blob.storage.format.json.JsonFormat, JSON",
    "io.confluent.connect.azure.blob.storage.format.bytearray.ByteArrayFormat, BYTES",
    "io.timeshard.connect.format.avro.AvroRecordFormat, AVRO",
    "io.timeshard.connect.format.json.JsonRecordFormat, JSON",
    "io.timeshard.connect.format.bytes.BytesRecordFormat, BYTES",
  })
  void mapsTheSinksFormatClasses(String formatClass, BackupFormat expected) {
    assertThat(RecordFormats.formatOf(formatClass)).isEqualTo(expected);
    assertThat(RecordFormats.factory(formatClass).apply(new FormatConfig(Map.of())).format())
        .isEqualTo(expected);
    FormatConfig config = new FormatConfig(Map.of(FormatConfig.FORMAT_CLASS_CONFIG, formatClass));
    RecordFormat format = config.recordFormat();
    assertThat(format.format()).isEqualTo(expected);
    assertThat(format)
        .isInstanceOf(
            switch (expected) {
              case AVRO -> AvroRecordFormat.class;
              case JSON -> JsonRecordFormat.class;
              default -> BytesRecordFormat.class;
            });
  }

  @Test
  void anUnknownClassListsTheAcceptedOnes() {
    assertThatThrownBy(() -> RecordFormats.formatOf("com.example.CsvFormat"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("format.class")
        .hasMessageContaining("com.example.CsvFormat")
        .hasMessageContaining("io.confluent.connect.azure.blob.storage.format.json.JsonFormat")
        .hasMessageContaining("io.confluent.connect.s3.format.parquet.ParquetFormat");
  }

  @ParameterizedTest
  @CsvSource({
    "io.confluent.connect.s3.format.parquet.ParquetFormat",
    "io.confluent.connect.gcs.format.parquet.ParquetFormat",
    "io.confluent.connect.azure.blob.format.parquet.ParquetFormat",
    "io.confluent.connect.azure.blob.storage.format.parquet.ParquetFormat",
  })
  void parquetIsAccepted(String formatClass) {
    assertThat(RecordFormats.formatOf(formatClass)).isEqualTo(BackupFormat.PARQUET);
    assertThat(RecordFormats.classNamesAccepted()).contains(formatClass);
    ConfigValue value =
        FormatConfig.CONFIG_DEF
            .validate(Map.of(FormatConfig.FORMAT_CLASS_CONFIG, formatClass))
            .get(0);
    assertThat(value.errorMessages()).isEmpty();
    assertThat(
            new FormatConfig(Map.of(FormatConfig.FORMAT_CLASS_CONFIG, formatClass))
                .recordFormat()
                .format())
        .isEqualTo(BackupFormat.PARQUET);
  }

  @Test
  void defaults() {
    FormatConfig config = new FormatConfig(Map.of());
    assertThat(config.format()).isEqualTo(BackupFormat.AVRO);
    assertThat(config.jsonSchemaEnable()).isFalse();
    assertThat(config.byteArraySeparator()).isEqualTo("\n");
    assertThat(config.recordFormat(BackupFormat.JSON)).isInstanceOf(JsonRecordFormat.class);
  }

  @Test
  void theSeparatorIsTakenExactlyAsGiven() throws IOException {
    FormatConfig config =
        new FormatConfig(
            Map.of(
                FormatConfig.FORMAT_CLASS_CONFIG,
                "io.confluent.connect.s3.format.bytearray.ByteArrayFormat",
                FormatConfig.BYTEARRAY_SEPARATOR_CONFIG,
                " \r\n"));
    assertThat(config.byteArraySeparator()).isEqualTo(" \r\n");
    byte[] object = "a \r\nb \r\n".getBytes(StandardCharsets.UTF_8);
    try (RecordReader reader =
        config.recordFormat().open(new ByteArrayInputStream(object), Compression.NONE)) {
      assertThat((byte[]) reader.next().value()).containsExactly('a');
      assertThat((byte[]) reader.next().value()).containsExactly('b');
      assertThat(reader.next()).isNull();
    }
    assertThatThrownBy(() -> new FormatConfig(Map.of(FormatConfig.BYTEARRAY_SEPARATOR_CONFIG, "")))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void addsItsKeysToTheConnectorsDefinition() {
    ConfigDef def = FormatConfig.addTo(new ConfigDef());
    assertThat(def.names())
        .containsExactlyInAnyOrder(
            "format.class", "format.json.schema.enable", "format.bytearray.separator");
    assertThat(def.configKeys().values())
        .allSatisfy(
            key -> {
              assertThat(key.group).isEqualTo("Format");
              assertThat(key.displayName).isNotBlank();
              assertThat(key.documentation).isNotBlank();
            });
    assertThat(def.configKeys().get("format.class").orderInGroup).isEqualTo(1);
    assertThat(def.configKeys().get("format.class").validator.toString()).contains("AvroFormat");
  }
}
