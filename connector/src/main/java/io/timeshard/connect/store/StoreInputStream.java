package io.timeshard.connect.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An object's bytes as the store sends them, with every failure to read them marked as a {@link
 * StoreReadException}: what comes out of a format reader can then be told apart, a store that broke
 * off (tried again) from bytes that do not decode (never tried again).
 */
public final class StoreInputStream extends FilterInputStream {

  private final String key;

  public StoreInputStream(InputStream in, String key) {
    super(in);
    this.key = key;
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (IOException | RuntimeException e) {
      throw broken(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (IOException | RuntimeException e) {
      throw broken(e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return super.skip(n);
    } catch (IOException | RuntimeException e) {
      throw broken(e);
    }
  }

  private StoreReadException broken(Exception e) {
    if (e instanceof StoreReadException marked) {
      return marked;
    }
    return new StoreReadException("reading '" + key + "' broke off: " + e.getMessage(), e);
  }
}
