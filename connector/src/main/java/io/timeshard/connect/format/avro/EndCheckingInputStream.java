package io.timeshard.connect.format.avro;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Lets an Avro reader tell a complete object from a truncated one.
 *
 * <p>{@code DataFileStream} takes an end of input inside a block for the end of the file, so an
 * object cut short loses its last block silently. A complete container file ends with the sync
 * marker that its header announces (after the header itself when there are no blocks), so this
 * stream remembers the header's bytes, until {@link #headerRead()}, and the last bytes read; {@link
 * #endsWithSync()} then compares them.
 */
final class EndCheckingInputStream extends FilterInputStream {

  private static final int SYNC_SIZE = DataFileConstants.SYNC_SIZE;

  private ByteArrayOutputStream header = new ByteArrayOutputStream();
  private byte[] sync;
  private final byte[] tail = new byte[SYNC_SIZE];
  private long count;

  EndCheckingInputStream(InputStream in) {
    super(in);
  }

  /** Call once the container header has been read: reads its sync marker and stops capturing. */
  void headerRead() throws IOException {
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(header.toByteArray(), null);
    decoder.skipFixed(DataFileConstants.MAGIC.length);
    for (long n = decoder.readMapStart(); n != 0; n = decoder.mapNext()) {
      for (long i = 0; i < n; i++) {
        decoder.skipString();
        decoder.skipBytes();
      }
    }
    byte[] marker = new byte[SYNC_SIZE];
    decoder.readFixed(marker);
    sync = marker;
    header = null;
  }

  /**
   * Whether the last bytes read are the header's sync marker: a complete object, read to its end.
   */
  boolean endsWithSync() {
    if (sync == null || count < SYNC_SIZE) {
      return false;
    }
    byte[] last = new byte[SYNC_SIZE];
    int start = (int) (count % SYNC_SIZE);
    for (int i = 0; i < SYNC_SIZE; i++) {
      last[i] = tail[(start + i) % SYNC_SIZE];
    }
    return Arrays.equals(last, sync);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      seen(new byte[] {(byte) b}, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int off, int len) throws IOException {
    int n = super.read(buffer, off, len);
    if (n > 0) {
      seen(buffer, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes must be seen too; read them instead.
    byte[] scratch = new byte[(int) Math.min(n, 8192)];
    long skipped = 0;
    while (skipped < n) {
      int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void seen(byte[] buffer, int off, int n) {
    if (header != null) {
      header.write(buffer, off, n);
    }
    int from = Math.max(off, off + n - SYNC_SIZE);
    for (int i = from; i < off + n; i++) {
      tail[(int) ((count + (i - off)) % SYNC_SIZE)] = buffer[i];
    }
    count += n;
  }
}
