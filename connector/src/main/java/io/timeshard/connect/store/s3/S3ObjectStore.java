package io.timeshard.connect.store.s3;

import io.timeshard.connect.store.ObjectNotFoundException;
import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.StoreAccessDeniedException;
import io.timeshard.connect.store.StoreException;
import io.timeshard.connect.store.ThrottleSignal;
import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.listing.ListingPage;
import io.timeshard.partitioner.listing.ObjectLister;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * One S3 bucket (or a bucket of an S3-compatible store). Listings are ListObjectsV2 pages of up to
 * 1,000 entries; downloads stream the GET's body, ranged where asked.
 */
public final class S3ObjectStore implements ObjectStore {

  /**
   * The smallest part of a multipart upload, and the smallest {@code s3.part.size} of the S3 sink.
   * S3 dates a multipart upload by its start, and the sink starts one once a part is full: only an
   * object smaller than this was dated after its last byte.
   */
  static final long MIN_PART_SIZE = 5L * 1024 * 1024;

  private final S3Client s3;
  private final String bucket;
  private final String description;
  private final ThrottleSignal throttling;
  private final String endpoint;

  /**
   * @param s3 a client built with the retry policy of choice; closed with this store
   * @param endpoint the endpoint override, or {@code null} for AWS, for messages
   */
  public S3ObjectStore(S3Client s3, String bucket, URI endpoint) {
    this(s3, bucket, endpoint, new ThrottleSignal());
  }

  /**
   * @param throttling where the client reports throttled attempts
   */
  S3ObjectStore(S3Client s3, String bucket, URI endpoint, ThrottleSignal throttling) {
    this.throttling = throttling;
    this.s3 = s3;
    this.bucket = bucket;
    this.endpoint =
        endpoint == null ? "AWS S3" : endpoint.getScheme() + "://" + endpoint.getAuthority();
    this.description =
        "s3://"
            + bucket
            + (endpoint == null
                ? ""
                : " at " + endpoint.getScheme() + "://" + endpoint.getAuthority());
  }

  @Override
  public boolean lastModifiedFollowsLastByte(ListedObject object) {
    return object.lastModified() != null && object.size() < MIN_PART_SIZE;
  }

  @Override
  public void onThrottled(Runnable listener) {
    throttling.listen(listener);
  }

  @Override
  public void onFailedAttempt(Runnable listener) {
    throttling.listenFailures(listener);
  }

  @Override
  public ListingPage list(String prefix, String delimiter, String pageToken) {
    return listAfter(prefix, delimiter, null, pageToken);
  }

  /** ListObjectsV2's {@code start-after}: the bucket starts the listing after any key. */
  @Override
  public boolean listsFromAKey() {
    return true;
  }

  @Override
  public ListingPage listAfter(
      String prefix, String delimiter, String startAfter, String pageToken) {
    ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket);
    if (!prefix.isEmpty()) {
      request.prefix(prefix);
    }
    if (delimiter != null) {
      request.delimiter(delimiter);
    }
    if (startAfter != null && !startAfter.isEmpty()) {
      // Ignored by S3 once a continuation token is given, which carries the position on.
      request.startAfter(startAfter);
    }
    if (pageToken != null) {
      request.continuationToken(pageToken);
    }
    ListObjectsV2Response response;
    try {
      response = s3.listObjectsV2(request.build());
    } catch (RuntimeException e) {
      throw failure("list '" + prefix + "'", null, e);
    }
    List<String> prefixes = response.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
    List<ListedObject> objects =
        response.contents().stream()
            .map(o -> new ListedObject(o.key(), o.size() == null ? 0 : o.size(), o.lastModified()))
            .toList();
    String next =
        Boolean.TRUE.equals(response.isTruncated()) ? response.nextContinuationToken() : null;
    // Never a key at or before startAfter, whatever an S3-compatible store answers.
    return ObjectLister.after(
        new ListingPage(prefixes, objects, next == null || next.isEmpty() ? null : next),
        startAfter);
  }

  @Override
  public InputStream open(String key) {
    return get(key, GetObjectRequest.builder().bucket(bucket).key(key).build());
  }

  @Override
  public InputStream open(String key, long offset, long length) {
    if (length == 0) {
      return InputStream.nullInputStream();
    }
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    return get(key, GetObjectRequest.builder().bucket(bucket).key(key).range(range).build());
  }

  @Override
  public long size(String key) {
    try {
      Long length =
          s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build())
              .contentLength();
      return length == null ? 0 : length;
    } catch (RuntimeException e) {
      throw failure("read", key, e);
    }
  }

  private InputStream get(String key, GetObjectRequest request) {
    try {
      return s3.getObject(request);
    } catch (RuntimeException e) {
      throw failure("read", key, e);
    }
  }

  /** Lists at most one key: fails when the bucket is missing or the credentials refused. */
  void probe() {
    try {
      s3.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket).maxKeys(1).build());
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
    return endpoint;
  }

  @Override
  public void close() {
    s3.close();
  }

  /** Turns a client failure into one that names the bucket and key, and never a secret. */
  StoreException failure(String action, String key, RuntimeException e) {
    String where = key == null ? describe() : "'" + key + "' in " + describe();
    if (e instanceof NoSuchBucketException) {
      return new ObjectNotFoundException("No bucket '" + bucket + "' (" + describe() + ")", e);
    }
    if (e instanceof NoSuchKeyException) {
      return new ObjectNotFoundException("No object " + where, e);
    }
    if (e instanceof AwsServiceException service) {
      int status = service.statusCode();
      String code =
          service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      String answer = " (HTTP " + status + (code == null ? "" : " " + code) + ")";
      if ("NoSuchBucket".equals(code)) {
        return new ObjectNotFoundException("No bucket '" + bucket + "' (" + describe() + ")", e);
      }
      if (status == 404) {
        return new ObjectNotFoundException("No object " + where + answer, e);
      }
      if (status == 401 || status == 403) {
        return new StoreAccessDeniedException(
            "S3 refused the credentials to " + action + " " + where + answer, e);
      }
      if (status == 301) {
        return new StoreException(
            "Cannot " + action + " " + where + answer + ": is s3.region the bucket's region?", e);
      }
      return new StoreException("Cannot " + action + " " + where + answer, e);
    }
    return new StoreException("Cannot " + action + " " + where + ": " + e.getMessage(), e);
  }
}
