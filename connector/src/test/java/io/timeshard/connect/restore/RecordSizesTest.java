package io.timeshard.connect.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.format.RecordReader;
import io.timeshard.connect.format.avro.AvroRecordFormat;
import io.timeshard.fixtures.BackupRecord;
import io.timeshard.fixtures.BackupWriter;
import io.timeshard.fixtures.FolderSink;
import io.timeshard.fixtures.ObjectSink;
import io.timeshard.partitioner.key.Compression;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordSizesTest {

  private static final Schema EVENT =
      SchemaBuilder.struct()
          .name("shop.Event")
          .field("id", Schema.INT64_SCHEMA)
          .field("size", Schema.INT32_SCHEMA)
          .field("email", Schema.STRING_SCHEMA)
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  @Test
  void countsStringsBytesAndContainers() {
    assertThat(RecordSizes.of(null)).isZero();
    assertThat(RecordSizes.of("abcd")).isEqualTo(44);
    assertThat(RecordSizes.of(new byte[100])).isEqualTo(116);
    assertThat(RecordSizes.of(42L)).isEqualTo(24);
    assertThat(RecordSizes.of(List.of("a", "b"))).isEqualTo(48 + 16 + 2 * 41);
    assertThat(RecordSizes.of(Map.of("k", 1))).isEqualTo(64 + 32 + 41 + 24);
  }

  @Test
  void aStructCountsEveryFieldAndItsReference() {
    Struct event = new Struct(EVENT).put("id", 1L).put("size", 42).put("email", "a@example.com");

    // 32 for the struct and its array, 8 a field reference, the values; no note.
    assertThat(RecordSizes.of(event)).isEqualTo(32 + 4 * 8 + 24 + 24 + (40 + 13));
  }

  @Test
  void aRecordCountsItsKeyAndHeaders() {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("trace", "abc");
    SchemaAndValue key = new SchemaAndValue(Schema.STRING_SCHEMA, "k1");

    assertThat(RecordSizes.of(key, null, headers))
        .isEqualTo(RecordSizes.RECORD_OVERHEAD + 42 + (32 + 45 + 43));
  }

  @Test
  void aDecodedRecordTakesSeveralTimesItsBytesInTheObject(@TempDir Path dir) throws Exception {
    FolderSink folder = ObjectSink.folder(dir);
    int records = 1_000;
    try (BackupWriter writer = BackupWriter.to(folder).flushSize(records).build()) {
      for (long i = 0; i < records; i++) {
        writer.write(
            BackupRecord.of("events", 0, i)
                .value(
                    EVENT,
                    new Struct(EVENT)
                        .put("id", i)
                        .put("size", (int) (i % 12))
                        .put("email", "c" + i + "@example.com"))
                .build());
      }
    }
    byte[] object = folder.get(folder.keys().get(0));
    long estimated = 0;
    try (RecordReader reader =
        new AvroRecordFormat().open(new ByteArrayInputStream(object), Compression.NONE)) {
      for (SchemaAndValue value = reader.next(); value != null; value = reader.next()) {
        estimated += RecordSizes.of(null, value, null);
      }
    }

    // The memory cap counts this, not the object's size: about ten times as much here.
    assertThat(estimated).isGreaterThan(4L * object.length);
  }
}
