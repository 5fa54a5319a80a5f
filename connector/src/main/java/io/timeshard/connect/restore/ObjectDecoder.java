package io.timeshard.connect.restore;

import io.timeshard.connect.format.ObjectBytes;
import io.timeshard.connect.format.RecordReader;
import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.StoreException;
import io.timeshard.connect.store.StoreInputStream;
import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.key.ObjectKey;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.Headers;

/** Opens a backup object and its companions from the store and reads them as records. */
public final class ObjectDecoder {

  private final ObjectStore store;
  private final FormatLookup formats;
  private final Function<SchemaAndValue, SchemaAndValue> keyDecoder;
  private final Function<SchemaAndValue, Headers> headerDecoder;

  /**
   * @param keyDecoder turns a {@code .keys} record into the record key
   * @param headerDecoder turns a {@code .headers} record into headers
   */
  public ObjectDecoder(
      ObjectStore store,
      FormatLookup formats,
      Function<SchemaAndValue, SchemaAndValue> keyDecoder,
      Function<SchemaAndValue, Headers> headerDecoder) {
    this.store = store;
    this.formats = formats;
    this.keyDecoder = keyDecoder;
    this.headerDecoder = headerDecoder;
  }

  public ObjectStore store() {
    return store;
  }

  public ObjectRecordStream open(BackupObject object) throws IOException {
    return open(object, 0);
  }

  /**
   * Opens an object and its companions, positioned after their first {@code skip} records: a
   * resumed object. Formats that count records in blocks (Parquet's row groups) pass over whole
   * blocks unread; the others decode and drop the records.
   */
  public ObjectRecordStream open(BackupObject object, long skip) throws IOException {
    ObjectRecordStream stream = object.isTombstone() ? openTombstones(object) : openValues(object);
    if (skip > 0) {
      try {
        stream.skip(skip);
      } catch (IOException | RuntimeException e) {
        closeQuietly(stream, e);
        throw e;
      }
    }
    return stream;
  }

  private ObjectRecordStream openValues(BackupObject object) throws IOException {
    RecordReader values = null;
    RecordReader keys = null;
    try {
      values = reader(object.key(), object.size());
      keys = object.keys().isPresent() ? reader(object.keys().get(), -1) : null;
      RecordReader headers =
          object.headers().isPresent() ? reader(object.headers().get(), -1) : null;
      return new ObjectRecordStream(
          object.objectKey(), values, keys, headers, keyDecoder, headerDecoder);
    } catch (IOException | RuntimeException e) {
      closeQuietly(values, e);
      closeQuietly(keys, e);
      throw e;
    }
  }

  /** A tombstone object: its keys (and headers) with no value object; every value is null. */
  private ObjectRecordStream openTombstones(BackupObject object) throws IOException {
    RecordReader keys = reader(object.key(), object.size());
    try {
      RecordReader headers =
          object.headers().isPresent() ? reader(object.headers().get(), -1) : null;
      return new ObjectRecordStream(
          object.objectKey(), null, keys, headers, keyDecoder, headerDecoder);
    } catch (IOException | RuntimeException e) {
      closeQuietly(keys, e);
      throw e;
    }
  }

  /**
   * A reader of one object, which its format streams or reads in ranges.
   *
   * @param size the object's length as listed, or -1 for a companion, whose length the store gives
   *     when a format asks for it
   */
  private RecordReader reader(ObjectKey key, long size) throws IOException {
    return formats
        .forFormat(key.format())
        .open(new StoredBytes(key.key(), size), key.extension().compression());
  }

  /** An object's bytes from the store, every failure to read them marked as the store's. */
  private final class StoredBytes implements ObjectBytes {
    private final String key;
    private long size;

    StoredBytes(String key, long size) {
      this.key = key;
      this.size = size;
    }

    @Override
    public String key() {
      return key;
    }

    @Override
    public long size() throws IOException {
      if (size < 0) {
        try {
          size = store.size(key);
        } catch (StoreException e) {
          throw e;
        } catch (IOException | RuntimeException e) {
          throw new StoreException(
              "Cannot read the size of '" + key + "' in " + store.describe() + ": " + e, e);
        }
      }
      return size;
    }

    @Override
    public InputStream open() throws IOException {
      return openStream(key);
    }

    @Override
    public InputStream open(long offset, long length) throws IOException {
      InputStream in;
      try {
        in = store.open(key, offset, length);
      } catch (StoreException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw new StoreException(
            "Cannot read bytes "
                + offset
                + " to "
                + (offset + length)
                + " of '"
                + key
                + "' in "
                + store.describe()
                + ": "
                + e,
            e);
      }
      return new StoreInputStream(in, key);
    }
  }

  /**
   * Opens an object; a failure to open it is the store's ({@link StoreException}), a failure while
   * reading it marks itself as the store's ({@link StoreInputStream}): anything else that comes out
   * of a reader is a record that does not decode.
   */
  private InputStream openStream(String key) throws IOException {
    InputStream in;
    try {
      in = store.open(key);
    } catch (StoreException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new StoreException("Cannot open '" + key + "' in " + store.describe() + ": " + e, e);
    }
    return new StoreInputStream(in, key);
  }

  private static void closeQuietly(AutoCloseable closeable, Exception failure) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }
}
