package io.timeshard.connect.store.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobItemProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import io.timeshard.connect.store.ObjectNotFoundException;
import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.StoreAccessDeniedException;
import io.timeshard.connect.store.StoreException;
import io.timeshard.connect.store.ThrottleSignal;
import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.listing.ListingPage;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One Azure Blob Storage container. Listings are the service's pages (up to 5,000 entries each);
 * downloads stream in blocks of {@link #BLOCK_SIZE} bytes, each block one ranged request that the
 * client's retry policy repeats on transient failures.
 */
public final class AzureBlobObjectStore implements ObjectStore {

  /** Bytes fetched per request while streaming an object. */
  static final int BLOCK_SIZE = 4 * 1024 * 1024;

  private final BlobContainerClient container;
  private final String description;
  private final String credentialsLabel;
  private final ThrottleSignal throttling;

  /**
   * @param container a client for the container, built with the retry policy of choice
   * @param credentialsLabel what kind of credentials the client holds, for messages
   */
  public AzureBlobObjectStore(BlobContainerClient container, String credentialsLabel) {
    this(container, credentialsLabel, new ThrottleSignal());
  }

  /**
   * @param throttling where the client reports throttled attempts
   */
  AzureBlobObjectStore(
      BlobContainerClient container, String credentialsLabel, ThrottleSignal throttling) {
    this.throttling = throttling;
    this.container = container;
    this.description =
        "azblob://" + container.getAccountName() + "/" + container.getBlobContainerName();
    this.credentialsLabel = credentialsLabel;
  }

  @Override
  public void onThrottled(Runnable listener) {
    throttling.listen(listener);
  }

  @Override
  public void onFailedAttempt(Runnable listener) {
    throttling.listenFailures(listener);
  }

  /*
   * No listAfter of its own: List Blobs continues only from the opaque NextMarker of a previous
   * page, never from a key, so a listing from a key is the whole listing, filtered (the default),
   * and listsFromAKey() stays false. The planner then keeps listing level by level.
   */

  @Override
  public ListingPage list(String prefix, String delimiter, String pageToken) {
    ListBlobsOptions options = new ListBlobsOptions();
    if (!prefix.isEmpty()) {
      options.setPrefix(prefix);
    }
    try {
      PagedIterable<BlobItem> items =
          delimiter == null
              ? container.listBlobs(options, null)
              : container.listBlobsByHierarchy(delimiter, options, null);
      Iterator<PagedResponse<BlobItem>> pages = items.iterableByPage(pageToken).iterator();
      if (!pages.hasNext()) {
        return ListingPage.last(List.of(), List.of());
      }
      PagedResponse<BlobItem> page = pages.next();
      List<String> prefixes = new ArrayList<>();
      List<ListedObject> objects = new ArrayList<>();
      for (BlobItem item : page.getValue()) {
        if (Boolean.TRUE.equals(item.isPrefix())) {
          prefixes.add(item.getName());
        } else {
          objects.add(listed(item));
        }
      }
      String next = page.getContinuationToken();
      return new ListingPage(prefixes, objects, next == null || next.isEmpty() ? null : next);
    } catch (RuntimeException e) {
      throw failure("list '" + prefix + "'", null, e);
    }
  }

  @Override
  public InputStream open(String key) {
    return open(key, new BlobInputStreamOptions().setBlockSize(BLOCK_SIZE));
  }

  @Override
  public InputStream open(String key, long offset, long length) {
    if (length == 0) {
      return InputStream.nullInputStream();
    }
    return open(
        key,
        new BlobInputStreamOptions()
            .setBlockSize(BLOCK_SIZE)
            .setRange(new BlobRange(offset, length)));
  }

  @Override
  public long size(String key) {
    try {
      return container.getBlobClient(key).getProperties().getBlobSize();
    } catch (RuntimeException e) {
      throw failure("read", key, e);
    }
  }

  private InputStream open(String key, BlobInputStreamOptions options) {
    try {
      return container.getBlobClient(key).openInputStream(options);
    } catch (RuntimeException e) {
      throw failure("read", key, e);
    }
  }

  /** Lists at most one entry: fails when the container is missing or the credentials refused. */
  void probe() {
    try {
      container
          .listBlobs(new ListBlobsOptions().setMaxResultsPerPage(1), null)
          .iterableByPage()
          .iterator()
          .hasNext();
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
    return container.getAccountUrl();
  }

  @Override
  public void close() {
    // The client holds no resources of its own: its HTTP connections close when idle.
  }

  private static ListedObject listed(BlobItem item) {
    BlobItemProperties properties = item.getProperties();
    long size = 0;
    Instant lastModified = null;
    if (properties != null) {
      size = properties.getContentLength() == null ? 0 : properties.getContentLength();
      lastModified =
          properties.getLastModified() == null ? null : properties.getLastModified().toInstant();
    }
    return new ListedObject(item.getName(), size, lastModified);
  }

  /** Turns a client failure into one that names the container and key, and never a secret. */
  StoreException failure(String action, String key, RuntimeException e) {
    String where = key == null ? describe() : "'" + key + "' in " + describe();
    if (e instanceof BlobStorageException storage) {
      int status = storage.getStatusCode();
      BlobErrorCode code = storage.getErrorCode();
      String answer = " (HTTP " + status + (code == null ? "" : " " + code) + ")";
      if (status == 404 && BlobErrorCode.CONTAINER_NOT_FOUND.equals(code)) {
        return new ObjectNotFoundException(
            "No container '"
                + container.getBlobContainerName()
                + "' in storage account '"
                + container.getAccountName()
                + "'"
                + answer,
            e);
      }
      if (status == 404) {
        return new ObjectNotFoundException("No object " + where + answer, e);
      }
      if (status == 401 || status == 403) {
        return new StoreAccessDeniedException(
            "Azure Blob Storage refused the "
                + credentialsLabel
                + " of storage account '"
                + container.getAccountName()
                + "' to "
                + action
                + " "
                + where
                + answer,
            e);
      }
      return new StoreException("Cannot " + action + " " + where + answer, e);
    }
    if (e instanceof ClientAuthenticationException) {
      // No token from Microsoft Entra ID: the identity is missing, or refused its sign-in.
      return new StoreAccessDeniedException(
          "Could not sign in to Microsoft Entra ID with the "
              + credentialsLabel
              + " to "
              + action
              + " "
              + where
              + " (check azblob.credentials.type, azblob.tenant.id and azblob.client.id, and"
              + " that the identity exists on this worker): "
              + e.getMessage(),
          e);
    }
    return new StoreException("Cannot " + action + " " + where + ": " + e, e);
  }
}
