package io.timeshard.connect.format;

import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.key.Compression;
import java.io.IOException;
import java.io.InputStream;

/**
 * One file format the sinks write. Formats know nothing of stores: they turn a stream into records.
 * An instance belongs to one task and may keep caches (Avro schemas, say); it is not shared between
 * threads unless it says so.
 */
public interface RecordFormat {

  /**
   * Whether one instance may open and read objects on several threads at once; a task then shares
   * it between its fetch threads, and its caches with them.
   */
  default boolean isThreadSafe() {
    return false;
  }

  /** The objects this format reads. */
  BackupFormat format();

  /**
   * Starts reading an object.
   *
   * @param in the object's bytes; the reader owns and closes it
   * @param compression whole-object compression announced by the extension ({@code .json.gz})
   */
  RecordReader open(InputStream in, Compression compression) throws IOException;

  /**
   * Starts reading an object that the format may read in ranges. Formats that read front to back
   * stream it whole, as {@link #open(InputStream, Compression)} does; formats that seek (Parquet)
   * read only the ranges they need, so that an object is never held whole.
   *
   * @param compression whole-object compression announced by the extension ({@code .json.gz})
   */
  default RecordReader open(ObjectBytes object, Compression compression) throws IOException {
    InputStream in = object.open();
    try {
      return open(in, compression);
    } catch (IOException | RuntimeException e) {
      try {
        in.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }
}
