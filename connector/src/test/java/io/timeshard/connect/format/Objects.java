package io.timeshard.connect.format;

import io.timeshard.partitioner.key.Compression;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.SchemaAndValue;

/** Helpers for reading objects in tests. */
public final class Objects {

  private Objects() {}

  /** Every record of an object. */
  public static List<SchemaAndValue> readAll(RecordFormat format, byte[] object, Compression c)
      throws IOException {
    return readAll(format, new ByteArrayInputStream(object), c);
  }

  public static List<SchemaAndValue> readAll(RecordFormat format, InputStream in, Compression c)
      throws IOException {
    List<SchemaAndValue> records = new ArrayList<>();
    try (RecordReader reader = format.open(in, c)) {
      for (SchemaAndValue record = reader.next(); record != null; record = reader.next()) {
        records.add(record);
      }
    }
    return records;
  }

  /** Counts the bytes read through it, and whether it was closed. */
  public static final class CountingInputStream extends FilterInputStream {
    private long count;
    private boolean closed;

    public CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      int n = super.read(buffer, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }

    @Override
    public void close() throws IOException {
      closed = true;
      super.close();
    }

    public long count() {
      return count;
    }

    public boolean closed() {
      return closed;
    }
  }

  /** Hands out at most one byte per read, to cross every buffer boundary. */
  public static final class TrickleInputStream extends FilterInputStream {
    public TrickleInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      return super.read(buffer, off, Math.min(len, 1));
    }
  }
}
