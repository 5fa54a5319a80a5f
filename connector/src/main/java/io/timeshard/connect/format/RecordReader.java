package io.timeshard.connect.format;

import java.io.Closeable;
import java.io.IOException;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * Reads the records of one backup object, front to back, as it streams in. Closing it closes the
 * underlying stream.
 */
public interface RecordReader extends Closeable {

  /**
   * The next record, or {@code null} after the last one.
   *
   * @throws IOException when the object is corrupt or truncated; the caller adds the object key and
   *     record index to the message
   */
  SchemaAndValue next() throws IOException;
}
