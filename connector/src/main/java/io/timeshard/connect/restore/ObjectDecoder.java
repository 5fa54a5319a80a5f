package io.timeshard.connect.restore;

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
    if (object.isTombstone()) {
      return openTombstones(object);
    }
    InputStream in = openStream(object.objectKey());
    RecordReader values = null;
    RecordReader keys = null;
    try {
      values = reader(object.key(), in);
      keys = object.keys().isPresent() ? reader(object.keys().get()) : null;
      RecordReader headers = object.headers().isPresent() ? reader(object.headers().get()) : null;
      return new ObjectRecordStream(
          object.objectKey(), values, keys, headers, keyDecoder, headerDecoder);
    } catch (IOException | RuntimeException e) {
      closeQuietly(values != null ? values : in, e);
      closeQuietly(keys, e);
      throw e;
    }
  }

  /** A tombstone object: its keys (and headers) with no value object; every value is null. */
  private ObjectRecordStream openTombstones(BackupObject object) throws IOException {
    RecordReader keys = reader(object.key());
    try {
      RecordReader headers = object.headers().isPresent() ? reader(object.headers().get()) : null;
      return new ObjectRecordStream(
          object.objectKey(), null, keys, headers, keyDecoder, headerDecoder);
    } catch (IOException | RuntimeException e) {
      closeQuietly(keys, e);
      throw e;
    }
  }

  private RecordReader reader(ObjectKey key) throws IOException {
    return reader(key, openStream(key.key()));
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

  private RecordReader reader(ObjectKey key, InputStream in) throws IOException {
    try {
      return formats.forFormat(key.format()).open(in, key.extension().compression());
    } catch (IOException | RuntimeException e) {
      closeQuietly(in, e);
      throw e;
    }
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
