package io.timeshard.connect.store;

import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.listing.ObjectLister;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A container of backup objects: Azure Blob Storage, Google Cloud Storage, S3 or a local folder.
 * Stores know nothing of layouts or formats: they list and they read.
 *
 * <p>Implementations are thread-safe: a task lists and reads from several threads at once. Failures
 * are {@link StoreException}s naming the object key and the container, never a secret.
 */
public interface ObjectStore extends ObjectLister, AutoCloseable {

  /**
   * Opens an object for streaming. The stream is read once, front to back, and closed by the
   * caller; the object is never loaded whole.
   *
   * @throws ObjectNotFoundException when there is no object with that key
   * @throws StoreException when the store cannot be reached or refuses the request
   */
  InputStream open(String key) throws IOException;

  /**
   * Opens {@code length} bytes of an object from {@code offset}. Stores that support ranged reads
   * override this; the default skips.
   */
  default InputStream open(String key, long offset, long length) throws IOException {
    InputStream in = open(key);
    in.skipNBytes(offset);
    return new BoundedInputStream(in, length);
  }

  /**
   * The length of an object in bytes, for formats that read it in ranges from its end (Parquet).
   * Stores answer from the object's metadata; the default reads the object through, which only a
   * store that cannot do better should rely on.
   *
   * @throws ObjectNotFoundException when there is no object with that key
   */
  default long size(String key) throws IOException {
    try (InputStream in = open(key)) {
      return in.transferTo(OutputStream.nullOutputStream());
    }
  }

  /**
   * Whether the {@code lastModified} this store lists for {@code object} comes after its last byte
   * was written, so that an object last modified before an instant holds no record produced after
   * it. True for an object uploaded whole or committed at the end; false when the store dates an
   * object otherwise, or gave no date. Only for pruning: an object for which this is false is
   * always read.
   */
  default boolean lastModifiedFollowsLastByte(ListedObject object) {
    return object.lastModified() != null;
  }

  /**
   * Calls {@code listener} whenever the store answers an attempt with a throttling status (HTTP 429
   * or 503, Azure's {@code ServerBusy}, S3's {@code SlowDown}), before the client's own retries are
   * spent: the readers slow down while the client backs off. Stores that cannot tell ignore it.
   */
  default void onThrottled(Runnable listener) {}

  /**
   * Calls {@code listener} whenever an attempt fails without a throttling answer (a 500, 502 or
   * 504, a reset connection, a timeout), where the client tells, before its retries are spent.
   * Stores that cannot tell ignore it: their readers hear of the failures the client gave up on.
   */
  default void onFailedAttempt(Runnable listener) {}

  /** Names the container for messages and logs, e.g. {@code azblob://account/container}. */
  String describe();

  /**
   * Names the service the store's requests go to, e.g. {@code
   * https://account.blob.core.windows.net}: the reads of every task of a worker to one endpoint
   * share one bound and one connection pool. By default the container, as {@link #describe} names
   * it.
   */
  default String endpoint() {
    return describe();
  }

  @Override
  void close();
}
