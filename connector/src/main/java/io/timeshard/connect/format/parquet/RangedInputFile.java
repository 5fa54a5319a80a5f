package io.timeshard.connect.format.parquet;

import io.timeshard.connect.format.ObjectBytes;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet file read in ranges from its object: never held whole. Its tail (the footer, and all of
 * a small object) is read once in one request and kept; the rest is read in windows of at most
 * {@link #WINDOW_BYTES} from where the reader asks, each window one ranged read, sequential reads
 * going on from the open window. Parquet reads a row group's column chunks front to back, so a row
 * group costs one request per window.
 */
final class RangedInputFile implements InputFile {

  /** How much of the object's end is read at once: the footer, and all of a small object. */
  static final int TAIL_BYTES = 64 * 1024;

  /** The most one ranged read asks for, unless the reader asks for more at once. */
  static final long WINDOW_BYTES = 8L * 1024 * 1024;

  private final ObjectBytes object;
  private long size = -1;

  RangedInputFile(ObjectBytes object) {
    this.object = object;
  }

  @Override
  public long getLength() throws IOException {
    if (size < 0) {
      size = object.size();
    }
    return size;
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    return new Stream(getLength());
  }

  private final class Stream extends SeekableInputStream {
    private final long length;
    private final long tailStart;
    private byte[] tail;
    private long pos;
    private InputStream window;
    private long windowPos;
    private long windowEnd;

    Stream(long length) {
      this.length = length;
      this.tailStart = Math.max(0, length - TAIL_BYTES);
    }

    @Override
    public long getPos() {
      return pos;
    }

    @Override
    public void seek(long newPos) throws IOException {
      if (newPos < 0 || newPos > length) {
        throw new EOFException(
            "a seek to " + newPos + " in '" + object.key() + "' of " + length + " bytes");
      }
      pos = newPos;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (pos >= length) {
        return -1;
      }
      int n;
      if (pos >= tailStart) {
        if (tail == null) {
          tail = readRange(tailStart, (int) (length - tailStart));
        }
        n = (int) Math.min(len, length - pos);
        System.arraycopy(tail, (int) (pos - tailStart), b, off, n);
      } else {
        n = readWindow(b, off, (int) Math.min(len, tailStart - pos));
      }
      pos += n;
      return n;
    }

    /** Reads from the open window, or opens one at {@code pos} that ends before the tail. */
    private int readWindow(byte[] b, int off, int len) throws IOException {
      if (window == null || windowPos != pos || windowPos >= windowEnd) {
        closeWindow();
        long end = Math.min(tailStart, pos + Math.max(len, WINDOW_BYTES));
        window = object.open(pos, end - pos);
        windowPos = pos;
        windowEnd = end;
      }
      int n = window.read(b, off, (int) Math.min(len, windowEnd - windowPos));
      if (n < 0) {
        throw new EOFException(
            "'" + object.key() + "' ended at " + windowPos + " of its " + length + " bytes");
      }
      windowPos += n;
      return n;
    }

    private byte[] readRange(long offset, int count) throws IOException {
      byte[] bytes = new byte[count];
      try (InputStream in = object.open(offset, count)) {
        int read = in.readNBytes(bytes, 0, count);
        if (read != count) {
          throw new EOFException(
              "'"
                  + object.key()
                  + "' ended at "
                  + (offset + read)
                  + " of its "
                  + length
                  + " bytes");
        }
      }
      return bytes;
    }

    @Override
    public void readFully(byte[] bytes) throws IOException {
      readFully(bytes, 0, bytes.length);
    }

    @Override
    public void readFully(byte[] bytes, int start, int len) throws IOException {
      int done = 0;
      while (done < len) {
        int n = read(bytes, start + done, len - done);
        if (n < 0) {
          throw new EOFException(
              "'" + object.key() + "' ended at " + pos + " of its " + length + " bytes");
        }
        done += n;
      }
    }

    @Override
    public int read(ByteBuffer buf) throws IOException {
      if (!buf.hasRemaining()) {
        return 0;
      }
      int n;
      if (buf.hasArray()) {
        n = read(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
        if (n > 0) {
          buf.position(buf.position() + n);
        }
      } else {
        byte[] bytes = new byte[Math.min(buf.remaining(), 64 * 1024)];
        n = read(bytes, 0, bytes.length);
        if (n > 0) {
          buf.put(bytes, 0, n);
        }
      }
      return n;
    }

    @Override
    public void readFully(ByteBuffer buf) throws IOException {
      while (buf.hasRemaining()) {
        if (read(buf) < 0) {
          throw new EOFException(
              "'" + object.key() + "' ended at " + pos + " of its " + length + " bytes");
        }
      }
    }

    private void closeWindow() throws IOException {
      if (window != null) {
        InputStream open = window;
        window = null;
        open.close();
      }
    }

    @Override
    public void close() throws IOException {
      tail = null;
      closeWindow();
    }
  }
}
