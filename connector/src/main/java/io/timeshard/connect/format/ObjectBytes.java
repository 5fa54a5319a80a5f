package io.timeshard.connect.format;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of one stored object, as a format reads them: streamed front to back, or, for formats
 * that need to seek (Parquet keeps its index at the end), in ranges. Formats know nothing of
 * stores: the caller reads through its store and marks failures as the store's.
 */
public interface ObjectBytes {

  /** The object's key, for messages. */
  String key();

  /** The object's length in bytes; may ask the store. */
  long size() throws IOException;

  /** The whole object, streamed once front to back; the caller closes it. */
  InputStream open() throws IOException;

  /** {@code length} bytes from {@code offset}: one ranged read; the caller closes it. */
  InputStream open(long offset, long length) throws IOException;
}
