package io.timeshard.connect.testing;

import io.timeshard.connect.store.s3.S3Config;
import io.timeshard.connect.store.s3.S3StoreProvider;
import io.timeshard.connect.store.testing.S3ProxyExtension;
import io.timeshard.fixtures.ObjectSink;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A backup in an s3proxy bucket: the objects a {@link io.timeshard.fixtures.BackupWriter} puts are
 * kept until {@link #upload()} sends them to the bucket on a few threads, straight to s3proxy
 * (never through a fault-injecting proxy).
 */
public final class S3ProxyBackup implements ObjectSink, AutoCloseable {

  private final S3Client client;
  private final String bucket;
  private final Map<String, byte[]> pending = new LinkedHashMap<>();
  private int uploaded;

  private S3ProxyBackup(S3Client client, String bucket) {
    this.client = client;
    this.bucket = bucket;
  }

  /** Creates {@code bucket} in the s3proxy at {@code endpoint}. */
  public static S3ProxyBackup create(String endpoint, String bucket) {
    S3Client client = S3StoreProvider.client(new S3Config(props(endpoint, bucket)));
    client.createBucket(b -> b.bucket(bucket));
    return new S3ProxyBackup(client, bucket);
  }

  /** The store keys of a restore (or sink) of {@code bucket} at {@code endpoint}. */
  public static Map<String, String> props(String endpoint, String bucket) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put(S3Config.BUCKET_NAME_CONFIG, bucket);
    props.put(S3Config.REGION_CONFIG, S3ProxyExtension.REGION);
    props.put(S3Config.STORE_URL_CONFIG, endpoint);
    props.put(S3Config.ACCESS_KEY_ID_CONFIG, S3ProxyExtension.ACCESS_KEY_ID);
    props.put(S3Config.SECRET_ACCESS_KEY_CONFIG, S3ProxyExtension.SECRET_ACCESS_KEY);
    return props;
  }

  @Override
  public void put(String key, byte[] bytes) {
    pending.put(key, bytes);
  }

  /** Uploads the objects put since the last upload; returns how many the bucket now holds. */
  public int upload() throws InterruptedException {
    ParallelUpload.run(
        pending,
        (key, bytes) ->
            client.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(bytes)),
        "s3proxy");
    uploaded += pending.size();
    pending.clear();
    return uploaded;
  }

  public String bucket() {
    return bucket;
  }

  @Override
  public void close() {
    client.close();
  }
}
