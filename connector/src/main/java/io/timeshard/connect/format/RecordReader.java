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

  /**
   * Passes over the next {@code records} records without handing them out: a resumed object starts
   * where the last restore stopped. Readers of formats that count their records in blocks
   * (Parquet's row groups) skip whole blocks unread; the default decodes and drops them.
   *
   * @return how many records were passed over: fewer than asked only at the end of the object
   */
  default long skip(long records) throws IOException {
    long skipped = 0;
    while (skipped < records && next() != null) {
      skipped++;
    }
    return skipped;
  }

  /**
   * The heap this reader holds besides the records it hands out, in bytes: the row group a Parquet
   * reader has loaded, say. Streaming readers hold a small buffer and say 0.
   */
  default long heldBytes() {
    return 0;
  }
}
