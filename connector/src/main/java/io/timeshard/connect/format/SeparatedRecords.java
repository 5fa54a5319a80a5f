package io.timeshard.connect.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Splits a stream into the records that a separator ends, as the JSON and byte-array formats write
 * them: every record, the last one included, is followed by the separator. The stream is read in
 * chunks; only the record being read is held in memory.
 *
 * <p>Bytes after the last separator mean the object was cut short (or the separator is not the one
 * the sink used): {@link #next()} reports them as an {@link IOException} rather than returning a
 * partial record. A record longer than {@code maxRecordBytes} is reported the same way as soon as
 * that many bytes came without a separator, so that a separator that never comes (a wrong {@code
 * format.bytearray.separator}, one huge line) cannot grow the buffer until the heap runs out.
 */
public final class SeparatedRecords implements Closeable {

  /** The most a read asks for, once an object proved larger than the buffer. */
  private static final int CHUNK = 64 * 1024;

  /** Eight bytes of a byte array as one long, lowest address lowest. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * The buffer an object starts with: a one-record object fits, and is not charged a whole chunk.
   * While reads fill it, it doubles up to {@link #CHUNK}.
   */
  static final int FIRST_CHUNK = 4 * 1024;

  /** The bound of the readers built without one: a quarter of the default memory cap. */
  public static final long DEFAULT_MAX_RECORD_BYTES = 16L * 1024 * 1024;

  private final InputStream in;
  private final byte[] separator;
  private final long maxRecordBytes;
  private byte[] buffer;

  /** The unread bytes are {@code buffer[start, end)}. */
  private int start;

  private int end;

  /** Where the next separator search starts; earlier positions hold no separator start. */
  private int scanned;

  private boolean eof;

  /** The last read filled all the room it was given: more may follow. */
  private boolean filled;

  /**
   * @param in the stream; closing this closes it
   * @param separator the bytes that end each record, not empty
   */
  public SeparatedRecords(InputStream in, byte[] separator) {
    this(in, separator, DEFAULT_MAX_RECORD_BYTES);
  }

  /**
   * @param in the stream; closing this closes it
   * @param separator the bytes that end each record, not empty
   * @param maxRecordBytes the longest record accepted
   */
  public SeparatedRecords(InputStream in, byte[] separator, long maxRecordBytes) {
    this.maxRecordBytes = Math.max(1, maxRecordBytes);
    if (separator.length == 0) {
      throw new IllegalArgumentException("the record separator must not be empty");
    }
    this.in = in;
    this.separator = separator.clone();
    this.buffer = new byte[Math.max(FIRST_CHUNK, 2 * separator.length)];
  }

  /**
   * The next record without its separator, or {@code null} at the end of the stream.
   *
   * @throws IOException when the stream fails or ends inside a record
   */
  public byte[] next() throws IOException {
    while (true) {
      int at = indexOfSeparator();
      if (at >= 0) {
        byte[] record = Arrays.copyOfRange(buffer, start, at);
        start = at + separator.length;
        scanned = start;
        return record;
      }
      if (eof) {
        if (start == end) {
          return null;
        }
        throw new IOException(
            "the object ends inside a record: "
                + (end - start)
                + " bytes follow the last record separator (truncated object, or another"
                + " separator than the sink's)");
      }
      if (end - start > maxRecordBytes) {
        throw new IOException(
            "no record separator in "
                + (end - start)
                + " bytes, more than the longest record read ("
                + maxRecordBytes
                + " bytes, a quarter of restore.buffer.max.bytes): the separator is not the one"
                + " the sink wrote (check format.bytearray.separator), or records are this large"
                + " (raise restore.buffer.max.bytes)");
      }
      fill();
    }
  }

  /**
   * The first separator at or after {@code scanned}, or -1. Eight bytes at a time: each word is
   * tested for a byte equal to the separator's first (the lowest flagged byte of {@code (w - ONES)
   * & ~w & HIGHS} is the first zero byte of {@code w}), and only such bytes are matched in full.
   */
  private int indexOfSeparator() {
    byte[] bytes = buffer;
    byte[] sep = separator;
    int stop = end - sep.length + 1;
    byte first = sep[0];
    long pattern = (first & 0xFFL) * ONES;
    int i = scanned;
    while (i <= stop - Long.BYTES) {
      long word = (long) LONGS.get(bytes, i) ^ pattern;
      long found = (word - ONES) & ~word & HIGHS;
      if (found == 0) {
        i += Long.BYTES;
        continue;
      }
      int at = i + (Long.numberOfTrailingZeros(found) >>> 3);
      if (matchesAt(bytes, sep, at)) {
        return at;
      }
      i = at + 1;
    }
    for (; i < stop; i++) {
      if (bytes[i] == first && matchesAt(bytes, sep, i)) {
        return i;
      }
    }
    scanned = Math.max(start, stop);
    return -1;
  }

  private static boolean matchesAt(byte[] bytes, byte[] sep, int i) {
    for (int j = 1; j < sep.length; j++) {
      if (bytes[i + j] != sep[j]) {
        return false;
      }
    }
    return true;
  }

  private void fill() throws IOException {
    if (start > 0) {
      // Move the partial record to the front.
      int length = end - start;
      System.arraycopy(buffer, start, buffer, 0, length);
      scanned -= start;
      start = 0;
      end = length;
    }
    if (end == buffer.length || (filled && buffer.length < CHUNK)) {
      // A record longer than the buffer, or an object larger than it: read in larger chunks.
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int asked = buffer.length - end;
    int n = in.read(buffer, end, asked);
    if (n < 0) {
      eof = true;
    } else {
      end += n;
    }
    filled = n == asked;
  }

  /** The buffer's size now: for tests. */
  int bufferLength() {
    return buffer.length;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
