package io.timeshard.connect.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeparatedRecordsTest {

  /** Reads in pieces of at most {@code piece} bytes, as a store's stream may. */
  private static InputStream trickle(byte[] bytes, int piece) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, piece));
      }
    };
  }

  private static List<byte[]> readAll(InputStream in, byte[] separator) throws IOException {
    List<byte[]> records = new ArrayList<>();
    try (SeparatedRecords reader = new SeparatedRecords(in, separator)) {
      byte[] record;
      while ((record = reader.next()) != null) {
        records.add(record);
      }
    }
    return records;
  }

  /**
   * Random records of bytes drawn from a small alphabet that holds the separator's bytes, so that
   * partial separators and separator bytes in every position of an eight-byte word occur, split at
   * every length; read back whole and in pieces of a few bytes.
   */
  @ParameterizedTest
  @ValueSource(strings = {"\n", "|", "\r\n", "ab", "aab", "\u00ff"})
  void findsEverySeparatorWhereverItFalls(String separatorText) throws IOException {
    byte[] separator = separatorText.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] alphabet = {'a', 'b', '\r', 'x', (byte) 0x7f, (byte) 0x80, (byte) 0xfe, 0};
    Random random = new Random(separatorText.hashCode());
    for (int round = 0; round < 200; round++) {
      List<byte[]> expected = new ArrayList<>();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int count = random.nextInt(40);
      for (int r = 0; r < count; r++) {
        byte[] record = new byte[random.nextInt(30)];
        for (int i = 0; i < record.length; i++) {
          record[i] = alphabet[random.nextInt(alphabet.length)];
        }
        byte[] written = withSeparator(record, separator);
        // A record that contains the separator is split by it, as the sink's output would be.
        expected.addAll(split(written, separator));
        out.writeBytes(written);
      }
      byte[] object = out.toByteArray();

      assertThat(readAll(new ByteArrayInputStream(object), separator))
          .usingElementComparator(Arrays::compare)
          .containsExactlyElementsOf(expected);
      assertThat(readAll(trickle(object, 1 + random.nextInt(9)), separator))
          .usingElementComparator(Arrays::compare)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void bytesAfterTheLastSeparatorAreATruncatedObject() {
    byte[] object = "first\nsecond-without-its-separator".getBytes();
    assertThatThrownBy(() -> readAll(new ByteArrayInputStream(object), new byte[] {'\n'}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ends inside a record");
  }

  private static byte[] withSeparator(byte[] record, byte[] separator) {
    byte[] written = Arrays.copyOf(record, record.length + separator.length);
    System.arraycopy(separator, 0, written, record.length, separator.length);
    return written;
  }

  /** The records a separated stream holds, found the plain way: the reference. */
  private static List<byte[]> split(byte[] bytes, byte[] separator) {
    List<byte[]> records = new ArrayList<>();
    int start = 0;
    for (int i = 0; i + separator.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + separator.length, separator, 0, separator.length)) {
        records.add(Arrays.copyOfRange(bytes, start, i));
        i += separator.length - 1;
        start = i + 1;
      }
    }
    return records;
  }
}
