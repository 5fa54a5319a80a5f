package io.timeshard.connect.format.bytes;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BytesRecordFormatTest {

  @TempDir Path dir;
  private FolderSink folder;

  @BeforeEach
  void setUp() {
    folder = ObjectSink.folder(dir);
  }

  private byte[] write(BackupWriter.Builder builder, List<byte[]> records) throws IOException {
    try (BackupWriter writer =
        builder.format(SinkFormat.BYTES).flushSize(records.size() + 1).build()) {
      long offset = 0;
      for (byte[] record : records) {
        writer.write(
            BackupRecord.of("raw", 0, offset++)
                .value(Schema.OPTIONAL_BYTES_SCHEMA, record)
                .build());
      }
    }
    return folder.get(folder.keys().get(0));
  }

  private static List<String> texts(List<SchemaAndValue> records) {
    List<String> texts = new ArrayList<>();
    for (SchemaAndValue record : records) {
      assertThat(record.schema()).isEqualTo(Schema.OPTIONAL_BYTES_SCHEMA);
      texts.add(new String((byte[]) record.value(), StandardCharsets.UTF_8));
    }
    return texts;
  }

  private static List<byte[]> bytes(String... texts) {
    return Arrays.stream(texts).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
  }

  @ParameterizedTest(name = "separator {0}, gzip {1}")
  @CsvSource({"LF, false", "LF, true", "CRLF, false", "||, false", "||, true", "<end>, true"})
  void readsRecordsSeparatedAsWritten(String name, boolean gzip) throws IOException {
    String separator =
        switch (name) {
          case "LF" -> "\n";
          case "CRLF" -> "\r\n";
          default -> name;
        };
    byte[] object =
        write(
            BackupWriter.to(folder).byteArraySeparator(separator).gzip(gzip),
            bytes("first", "", "a|b", "<en", "last"));
    List<SchemaAndValue> records =
        readAll(
            new BytesRecordFormat(separator),
            new TrickleInputStream(new ByteArrayInputStream(object)),
            gzip ? Compression.GZIP : Compression.NONE);
    assertThat(texts(records)).containsExactly("first", "", "a|b", "<en", "last");
  }

  @Test
  void recordsLargerThanTheBuffer() throws IOException {
    byte[] big = new byte[300_000];
    Arrays.fill(big, (byte) 'x');
    byte[] object = write(BackupWriter.to(folder).byteArraySeparator("\n"), List.of(big, big));
    List<SchemaAndValue> records = readAll(new BytesRecordFormat("\n"), object, Compression.NONE);
    assertThat(records).hasSize(2);
    assertThat((byte[]) records.get(1).value()).isEqualTo(big);
  }

  @Test
  void anEmptyObjectHasNoRecords() throws IOException {
    assertThat(readAll(new BytesRecordFormat("\n"), new byte[0], Compression.NONE)).isEmpty();
  }

  @Test
  void aTruncatedObjectIsAnIOException() throws IOException {
    byte[] object =
        write(
            BackupWriter.to(folder.damaging(k -> true, Damage.dropLast(2)))
                .byteArraySeparator("\n"),
            bytes("one", "two"));
    assertThatThrownBy(() -> readAll(new BytesRecordFormat("\n"), object, Compression.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ends inside a record");
  }

  @Test
  void anotherSeparatorThanTheSinksIsAnIOException() throws IOException {
    byte[] object = write(BackupWriter.to(folder).byteArraySeparator("\n"), bytes("one", "two"));
    assertThatThrownBy(() -> readAll(new BytesRecordFormat("||"), object, Compression.NONE))
        .isInstanceOf(IOException.class);
  }

  @Test
  void anEmptySeparatorIsRefused() {
    assertThatThrownBy(() -> new BytesRecordFormat(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void streamsTheObject() throws IOException {
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      records.add(("record number " + i).getBytes(StandardCharsets.UTF_8));
    }
    byte[] object = write(BackupWriter.to(folder).byteArraySeparator("\n"), records);
    CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(object));
    try (RecordReader reader = new BytesRecordFormat("\n").open(in, Compression.NONE)) {
      assertThat(new String((byte[]) reader.next().value(), StandardCharsets.UTF_8))
          .isEqualTo("record number 0");
      assertThat(in.count()).isLessThanOrEqualTo(64 * 1024);
    }
    assertThat(in.closed()).isTrue();
  }
}
