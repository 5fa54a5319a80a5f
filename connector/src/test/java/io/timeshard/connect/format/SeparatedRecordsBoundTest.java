package io.timeshard.connect.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.key.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A separator that never comes fails the object once a record passes the bound, not the heap. */
class SeparatedRecordsBoundTest {

  /** Endless bytes without a line end, counting what was read. */
  private static final class Endless extends InputStream {
    final AtomicLong read = new AtomicLong();

    @Override
    public int read() {
      read.incrementAndGet();
      return 'x';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      java.util.Arrays.fill(b, off, off + len, (byte) 'x');
      read.addAndGet(len);
      return len;
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = BackupFormat.class,
      names = {"JSON", "BYTES"})
  void aRecordLongerThanAQuarterOfTheBufferCapFailsClearly(BackupFormat format) {
    long cap = 4L * 1024 * 1024;
    FormatConfig config =
        new FormatConfig(
            Map.of(
                "format.class",
                format == BackupFormat.JSON
                    ? "io.confluent.connect.s3.format.json.JsonFormat"
                    : "io.confluent.connect.s3.format.bytearray.ByteArrayFormat",
                "restore.buffer.max.bytes",
                String.valueOf(cap)));
    Endless in = new Endless();

    assertThatThrownBy(
            () -> {
              try (RecordReader reader = config.recordFormat().open(in, Compression.NONE)) {
                reader.next();
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no record separator")
        .hasMessageContaining("1048576 bytes")
        .hasMessageContaining("format.bytearray.separator")
        .hasMessageContaining("restore.buffer.max.bytes");
    assertThat(in.read.get()).isLessThan(3 * cap / 4);
  }
}
