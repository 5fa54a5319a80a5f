package io.timeshard.partitioner.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectKeyParserTest {

  static Stream<Arguments> wellFormedKeys() {
    return Stream.of(
        // topics.dir, key, topic, folder, partition, offset, role, format, compression
        Arguments.of(
            "topics",
            "topics/orders/partition=10/orders+10+0000000005.avro",
            "orders",
            "partition=10",
            10,
            5L,
            ObjectRole.VALUES,
            BackupFormat.AVRO,
            Compression.NONE),
        Arguments.of(
            "topics",
            "topics/orders/partition=0/orders+0+12345678901234.avro",
            "orders",
            "partition=0",
            0,
            12345678901234L,
            ObjectRole.VALUES,
            BackupFormat.AVRO,
            Compression.NONE),
        Arguments.of(
            "topics",
            "topics/my.shop_orders-v2/2025/05/16/13/my.shop_orders-v2+3+0000000042.json.gz",
            "my.shop_orders-v2",
            "2025/05/16/13",
            3,
            42L,
            ObjectRole.VALUES,
            BackupFormat.JSON,
            Compression.GZIP),
        Arguments.of(
            "",
            "orders/partition=1/orders+1+0000000000.json",
            "orders",
            "partition=1",
            1,
            0L,
            ObjectRole.VALUES,
            BackupFormat.JSON,
            Compression.NONE),
        Arguments.of(
            "backups/prod/",
            "backups/prod/orders/region=eu/orders+2+0000000100.bin",
            "orders",
            "region=eu",
            2,
            100L,
            ObjectRole.VALUES,
            BackupFormat.BYTES,
            Compression.NONE),
        Arguments.of(
            "topics",
            "topics/orders/partition=2/orders+2+0000000100.bin.gz",
            "orders",
            "partition=2",
            2,
            100L,
            ObjectRole.VALUES,
            BackupFormat.BYTES,
            Compression.GZIP),
        Arguments.of(
            "topics",
            "topics/orders/partition=2/orders+2+0000000100.keys.avro",
            "orders",
            "partition=2",
            2,
            100L,
            ObjectRole.KEYS,
            BackupFormat.AVRO,
            Compression.NONE),
        Arguments.of(
            "topics",
            "topics/orders/partition=2/orders+2+0000000100.headers.json.gz",
            "orders",
            "partition=2",
            2,
            100L,
            ObjectRole.HEADERS,
            BackupFormat.JSON,
            Compression.GZIP),
        Arguments.of(
            "topics",
            "topics/orders/partition=2/orders+2+0000000100.snappy.parquet",
            "orders",
            "partition=2",
            2,
            100L,
            ObjectRole.VALUES,
            BackupFormat.PARQUET,
            Compression.NONE),
        Arguments.of(
            "topics",
            "topics/orders/partition=2/orders+2+0000000100.zstd.parquet",
            "orders",
            "partition=2",
            2,
            100L,
            ObjectRole.VALUES,
            BackupFormat.PARQUET,
            Compression.NONE),
        Arguments.of(
            "topics",
            "topics/orders/partition=2/orders+2+0000000100.lz4hadoop.parquet",
            "orders",
            "partition=2",
            2,
            100L,
            ObjectRole.VALUES,
            BackupFormat.PARQUET,
            Compression.NONE),
        Arguments.of(
            "topics",
            "topics/orders/partition=2/orders+2+0000000100.lz4.parquet",
            "orders",
            "partition=2",
            2,
            100L,
            ObjectRole.VALUES,
            BackupFormat.PARQUET,
            Compression.NONE),
        Arguments.of(
            "topics",
            "topics/orders/partition=2/orders+2+0000000100.lz4raw.parquet",
            "orders",
            "partition=2",
            2,
            100L,
            ObjectRole.VALUES,
            BackupFormat.PARQUET,
            Compression.NONE),
        Arguments.of(
            "topics",
            "topics/orders/partition=2/orders+2+0000000100.lzo.parquet",
            "orders",
            "partition=2",
            2,
            100L,
            ObjectRole.VALUES,
            BackupFormat.PARQUET,
            Compression.NONE),
        Arguments.of(
            "topics",
            "topics/orders/partition=2/orders+2+0000000100.br.parquet",
            "orders",
            "partition=2",
            2,
            100L,
            ObjectRole.VALUES,
            BackupFormat.PARQUET,
            Compression.NONE),
        Arguments.of(
            "topics",
            "topics/orders/partition=2/orders+2+0000000100.parquet",
            "orders",
            "partition=2",
            2,
            100L,
            ObjectRole.VALUES,
            BackupFormat.PARQUET,
            Compression.NONE),
        Arguments.of(
            "topics",
            "topics/orders/partition=2/orders+2+0000000100.keys.snappy.parquet",
            "orders",
            "partition=2",
            2,
            100L,
            ObjectRole.KEYS,
            BackupFormat.PARQUET,
            Compression.NONE),
        Arguments.of(
            "topics",
            "topics/orders/partition=2/orders+2+0000000100.headers.zstd.parquet",
            "orders",
            "partition=2",
            2,
            100L,
            ObjectRole.HEADERS,
            BackupFormat.PARQUET,
            Compression.NONE),
        Arguments.of(
            "topics",
            "topics/orders/partition=2/orders+2+0000000100.gz.parquet",
            "orders",
            "partition=2",
            2,
            100L,
            ObjectRole.VALUES,
            BackupFormat.PARQUET,
            Compression.NONE),
        Arguments.of(
            "topics",
            "topics/orders/orders+7+0000000001.avro",
            "orders",
            "",
            7,
            1L,
            ObjectRole.VALUES,
            BackupFormat.AVRO,
            Compression.NONE),
        Arguments.of(
            "topics",
            "topics/a+b/partition=0/a+b+0+0000000001.avro",
            "a+b",
            "partition=0",
            0,
            1L,
            ObjectRole.VALUES,
            BackupFormat.AVRO,
            Compression.NONE));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("wellFormedKeys")
  void parsesWellFormedKeys(
      String topicsDir,
      String key,
      String topic,
      String folder,
      int partition,
      long offset,
      ObjectRole role,
      BackupFormat format,
      Compression compression) {
    ObjectKeyParser parser = new ObjectKeyParser(topicsDir, "/", ExtensionTable.standard());

    KeyParse parse = parser.parse(key);

    assertThat(parse).isInstanceOf(KeyParse.Parsed.class);
    ObjectKey parsed = ((KeyParse.Parsed) parse).key();
    assertThat(parsed.key()).isEqualTo(key);
    assertThat(parsed.folderTopic()).isEqualTo(topic);
    assertThat(parsed.fileTopic()).isEqualTo(topic);
    assertThat(parsed.folder()).isEqualTo(folder);
    assertThat(parsed.partition()).isEqualTo(partition);
    assertThat(parsed.startOffset()).isEqualTo(offset);
    assertThat(parsed.role()).isEqualTo(role);
    assertThat(parsed.format()).isEqualTo(format);
    assertThat(parsed.extension().compression()).isEqualTo(compression);
    assertThat(parsed.inOwnTopicFolder()).isTrue();
  }

  static Stream<Arguments> keysThatDoNotFit() {
    return Stream.of(
        Arguments.of(
            "elsewhere/orders/partition=0/orders+0+0000000000.avro", "not under topics.dir"),
        Arguments.of("topics/orders+0+0000000000.avro", "no topic folder"),
        Arguments.of("topics/orders/partition=0/_SUCCESS", "file name is not"),
        Arguments.of("topics/orders/partition=0/orders+0000000000.avro", "file name is not"),
        Arguments.of("topics/orders/partition=0/orders+x+0000000000.avro", "not a number"),
        Arguments.of("topics/orders/partition=0/orders+0+.avro", "not a number"),
        Arguments.of("topics/orders/partition=0/orders+0+0000000000.txt", "unknown extension"),
        Arguments.of("topics/orders/partition=0/orders+0+0000000000.values.avro", "unknown"),
        Arguments.of(
            "topics/orders/partition=0/orders+99999999999+0000000000.avro", "out of range"),
        Arguments.of(
            "topics/orders/partition=0/orders+0+99999999999999999999.avro", "out of range"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keysThatDoNotFit")
  void rejectsKeysThatDoNotFitWithAReason(String key, String reason) {
    ObjectKeyParser parser = new ObjectKeyParser("topics", "/", ExtensionTable.standard());

    KeyParse parse = parser.parse(key);

    assertThat(parse).isInstanceOf(KeyParse.Rejected.class);
    assertThat(((KeyParse.Rejected) parse).reason()).contains(reason);
  }

  @org.junit.jupiter.api.Test
  void reportsAFileInAnotherTopicsFolder() {
    ObjectKeyParser parser = new ObjectKeyParser("topics", "/", ExtensionTable.standard());

    ObjectKey key =
        ((KeyParse.Parsed) parser.parse("topics/orders/partition=0/payments+0+0000000000.avro"))
            .key();

    assertThat(key.inOwnTopicFolder()).isFalse();
    assertThat(key.folderTopic()).isEqualTo("orders");
    assertThat(key.fileTopic()).isEqualTo("payments");
    assertThat(key.folder()).isEqualTo("partition=0");
  }

  @org.junit.jupiter.api.Test
  void readsTheConfiguredByteArrayExtensionAndAnotherDelimiter() {
    ObjectKeyParser parser =
        new ObjectKeyParser("topics", "|", ExtensionTable.withBytesExtension(".dat"));

    ObjectKey key =
        ((KeyParse.Parsed) parser.parse("topics|orders|partition=4|orders+4+0000000009.dat.gz"))
            .key();

    assertThat(key.format()).isEqualTo(BackupFormat.BYTES);
    assertThat(key.extension().compression()).isEqualTo(Compression.GZIP);
    assertThat(key.folder()).isEqualTo("partition=4");
    assertThat(key.partition()).isEqualTo(4);
  }
}
