package io.timeshard.connect.store.gcs;

import com.google.api.gax.paging.Page;
import com.google.cloud.BaseServiceException;
import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobListOption;
import com.google.cloud.storage.StorageException;
import io.timeshard.connect.store.ObjectNotFoundException;
import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.StoreAccessDeniedException;
import io.timeshard.connect.store.StoreException;
import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.listing.ListingPage;
import io.timeshard.partitioner.listing.ObjectLister;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Google Cloud Storage bucket. Listings are the service's pages; downloads stream through the
 * client's read channel, which fetches {@link #CHUNK_SIZE} bytes per request and resumes where it
 * was after a transient failure. The first bytes are fetched when the object is opened, so that a
 * missing object fails in {@link #open} and not in the first read.
 */
public final class GcsObjectStore implements ObjectStore {

  private static final Logger log = LoggerFactory.getLogger(GcsObjectStore.class);

  static final int CHUNK_SIZE = 4 * 1024 * 1024;
  private static final int FIRST_READ = 64 * 1024;

  private final Storage storage;
  private final String bucket;
  private final String description;
  private final boolean ownsStorage;
  private volatile boolean startOffsetRefused;

  /**
   * @param ownsStorage whether {@link #close()} closes {@code storage} (false for an injected one)
   */
  public GcsObjectStore(Storage storage, String bucket, boolean ownsStorage) {
    this.storage = storage;
    this.bucket = bucket;
    this.description = "gs://" + bucket;
    this.ownsStorage = ownsStorage;
  }

  @Override
  public ListingPage list(String prefix, String delimiter, String pageToken) {
    return listAfter(prefix, delimiter, null, pageToken);
  }

  /**
   * The JSON API's {@code startOffset}: the bucket starts the listing at any key. False once the
   * service refused the option (Google's in-memory test storage does): listings from a key are then
   * whole listings, filtered.
   */
  @Override
  public boolean listsFromAKey() {
    return !startOffsetRefused;
  }

  @Override
  public ListingPage listAfter(
      String prefix, String delimiter, String startAfter, String pageToken) {
    List<BlobListOption> options = new ArrayList<>();
    if (!prefix.isEmpty()) {
      options.add(BlobListOption.prefix(prefix));
    }
    if (delimiter != null) {
      options.add(BlobListOption.delimiter(delimiter));
    }
    if (startAfter != null && !startAfter.isEmpty() && !startOffsetRefused) {
      // startOffset is inclusive: the key itself is dropped below, with anything an emulator
      // that ignores the option returns before it.
      options.add(BlobListOption.startOffset(startAfter));
    }
    if (pageToken != null) {
      options.add(BlobListOption.pageToken(pageToken));
    }
    Page<Blob> page;
    try {
      page = storage.list(bucket, options.toArray(BlobListOption[]::new));
    } catch (RuntimeException e) {
      if (startAfter != null && !startAfter.isEmpty() && !startOffsetRefused && refused(e)) {
        log.info(
            "{} does not list from a key (startOffset); listing whole folders instead", describe());
        startOffsetRefused = true;
        return listAfter(prefix, delimiter, startAfter, pageToken);
      }
      throw failure("list '" + prefix + "'", null, e);
    }
    List<String> prefixes = new ArrayList<>();
    List<ListedObject> objects = new ArrayList<>();
    for (Blob blob : page.getValues()) {
      if (blob.isDirectory()) {
        prefixes.add(blob.getName());
      } else {
        objects.add(new ListedObject(blob.getName(), size(blob), updated(blob)));
      }
    }
    String next = page.getNextPageToken();
    return ObjectLister.after(
        new ListingPage(prefixes, objects, next == null || next.isEmpty() ? null : next),
        startAfter);
  }

  @Override
  public InputStream open(String key) throws IOException {
    return open(key, 0, -1);
  }

  @Override
  public InputStream open(String key, long offset, long length) throws IOException {
    if (length == 0) {
      return InputStream.nullInputStream();
    }
    ReadChannel channel = storage.reader(BlobId.of(bucket, key));
    try {
      channel.setChunkSize(CHUNK_SIZE);
      if (offset > 0) {
        channel.seek(offset);
      }
      if (length > 0) {
        channel.limit(offset + length);
      }
      // Fetch the first bytes now: a missing object or refused credentials show up here.
      ByteBuffer first = ByteBuffer.allocate(FIRST_READ);
      int n = channel.read(first);
      first.flip();
      InputStream head = new ByteArrayInputStream(first.array(), 0, Math.max(n, 0));
      if (n < 0) {
        channel.close();
        return head;
      }
      return new SequenceInputStream(head, Channels.newInputStream(channel));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw failure("read", key, e);
    }
  }

  @Override
  public long size(String key) {
    Blob blob;
    try {
      blob = storage.get(BlobId.of(bucket, key));
    } catch (RuntimeException e) {
      throw failure("read", key, e);
    }
    if (blob == null) {
      throw new ObjectNotFoundException("No object '" + key + "' in " + describe());
    }
    Long size = blob.getSize();
    return size == null ? 0 : size;
  }

  /** Lists one page: fails when the bucket is missing or the credentials refused. */
  void probe() {
    try {
      storage.list(bucket, BlobListOption.pageSize(1));
    } catch (RuntimeException e) {
      throw failure("list", null, e);
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public String endpoint() {
    return storage.getOptions().getHost();
  }

  @Override
  public void close() {
    if (ownsStorage) {
      try {
        storage.close();
      } catch (Exception e) {
        throw new StoreException("Cannot close the client of " + describe(), e);
      }
    }
  }

  private static long size(Blob blob) {
    Long size = blob.getSize();
    return size == null ? 0 : size;
  }

  private static Instant updated(Blob blob) {
    OffsetDateTime updated = blob.getUpdateTimeOffsetDateTime();
    return updated == null ? null : updated.toInstant();
  }

  /** Turns a client failure into one that names the bucket and key, and never a secret. */
  StoreException failure(String action, String key, Exception e) {
    String where = key == null ? describe() : "'" + key + "' in " + describe();
    BaseServiceException service = serviceException(e);
    if (service != null) {
      int status = service.getCode();
      String reason = service.getReason();
      String answer = " (HTTP " + status + (reason == null ? "" : " " + reason) + ")";
      if (status == 404 && key == null) {
        return new ObjectNotFoundException("No bucket '" + bucket + "' (" + describe() + ")", e);
      }
      if (status == 404) {
        return new ObjectNotFoundException("No object " + where + answer, e);
      }
      if (status == 401 || status == 403) {
        return new StoreAccessDeniedException(
            "Google Cloud Storage refused the credentials to " + action + " " + where + answer, e);
      }
      return new StoreException("Cannot " + action + " " + where + answer, e);
    }
    return new StoreException("Cannot " + action + " " + where + ": " + e.getMessage(), e);
  }

  /** Whether a failure is the storage refusing an option it does not know. */
  private static boolean refused(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnsupportedOperationException) {
        return true;
      }
    }
    return false;
  }

  private static BaseServiceException serviceException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StorageException || t instanceof BaseServiceException) {
        return (BaseServiceException) t;
      }
    }
    return null;
  }
}
