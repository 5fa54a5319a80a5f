package io.timeshard.connect.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A small object gets a small buffer; a large one is read in growing chunks, every record kept. */
class SeparatedRecordsBufferTest {

  private static final byte[] NEWLINE = {'\n'};

  /** Counts the reads and the largest one asked for. */
  private static final class CountingReads extends FilterInputStream {
    int reads;
    int largestAsked;

    CountingReads(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      reads++;
      largestAsked = Math.max(largestAsked, len);
      return super.read(b, off, len);
    }
  }

  private static List<String> readAll(SeparatedRecords records) throws IOException {
    List<String> lines = new ArrayList<>();
    for (byte[] line = records.next(); line != null; line = records.next()) {
      lines.add(new String(line, StandardCharsets.UTF_8));
    }
    return lines;
  }

  @Test
  void aOneRecordObjectIsReadIntoASmallBuffer() throws IOException {
    byte[] object = "{\"id\":1,\"name\":\"one record\"}\n".getBytes(StandardCharsets.UTF_8);
    try (SeparatedRecords records =
        new SeparatedRecords(new ByteArrayInputStream(object), NEWLINE)) {
      assertThat(readAll(records)).containsExactly("{\"id\":1,\"name\":\"one record\"}");
      assertThat(records.bufferLength()).isEqualTo(SeparatedRecords.FIRST_CHUNK);
    }
  }

  @Test
  void aLargeObjectIsReadInChunksThatGrowToSixtyFourKibibytes() throws IOException {
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String line = "record " + i + " " + "x".repeat(i % 97);
      expected.add(line);
      text.append(line).append('\n');
    }
    byte[] object = text.toString().getBytes(StandardCharsets.UTF_8);
    CountingReads in = new CountingReads(new ByteArrayInputStream(object));
    try (SeparatedRecords records = new SeparatedRecords(in, NEWLINE)) {
      assertThat(readAll(records)).isEqualTo(expected);
      assertThat(records.bufferLength()).isEqualTo(64 * 1024);
    }
    // About one read per 64 KiB once grown: not one per 4 KiB.
    assertThat(in.largestAsked).isGreaterThan(32 * 1024);
    assertThat(in.reads).isLessThan(object.length / (16 * 1024));
  }

  @Test
  void aRecordLongerThanTheBufferGrowsIt() throws IOException {
    String longLine = "y".repeat(300_000);
    byte[] object = ("a\n" + longLine + "\nb\n").getBytes(StandardCharsets.UTF_8);
    try (SeparatedRecords records =
        new SeparatedRecords(new ByteArrayInputStream(object), NEWLINE)) {
      assertThat(readAll(records)).containsExactly("a", longLine, "b");
    }
  }
}
