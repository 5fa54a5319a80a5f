package io.timeshard.connect.store.s3;

import io.timeshard.connect.store.ObjectStoreContract;
import io.timeshard.connect.store.ObjectStoreProvider;
import io.timeshard.connect.store.testing.S3ProxyExtension;
import io.timeshard.fixtures.FaultInjectingProxy;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The store contract on s3proxy, with the keys of an S3 sink configuration. */
class S3ObjectStoreIT extends ObjectStoreContract {

  @RegisterExtension static final S3ProxyExtension S3PROXY = new S3ProxyExtension();

  private static final String WRONG_SECRET = "not-the-secret-access-key-0123456789";

  private S3Client client;

  @Override
  protected ObjectStoreProvider provider() {
    return new S3StoreProvider();
  }

  @Override
  protected Map<String, String> props(String bucket) {
    return Map.of(
        S3Config.BUCKET_NAME_CONFIG, bucket,
        S3Config.REGION_CONFIG, S3ProxyExtension.REGION,
        S3Config.STORE_URL_CONFIG, S3PROXY.endpoint(),
        S3Config.ACCESS_KEY_ID_CONFIG, S3ProxyExtension.ACCESS_KEY_ID,
        S3Config.SECRET_ACCESS_KEY_CONFIG, S3ProxyExtension.SECRET_ACCESS_KEY);
  }

  private synchronized S3Client client(String bucket) {
    if (client == null) {
      client = S3StoreProvider.client(new S3Config(props(bucket)));
    }
    return client;
  }

  @AfterAll
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  @Override
  protected void createContainer(String bucket) {
    client(bucket).createBucket(b -> b.bucket(bucket));
  }

  @Override
  protected void put(String bucket, String key, byte[] data) {
    client(bucket).putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(data));
  }

  @Override
  protected boolean datesLargeObjectsAfterTheirLastByte() {
    // Whatever s3proxy does, S3 dates an object uploaded in parts by the start of the upload.
    return false;
  }

  @Override
  protected Map<String, String> withWrongCredentials(Map<String, String> props) {
    return with(props, S3Config.SECRET_ACCESS_KEY_CONFIG, WRONG_SECRET);
  }

  @Override
  protected String wrongSecret() {
    return WRONG_SECRET;
  }

  @Override
  protected int emulatorPort() {
    return S3PROXY.port();
  }

  @Override
  protected Map<String, String> propsThroughProxy(String bucket, FaultInjectingProxy proxy) {
    return with(
        props(bucket),
        S3Config.STORE_URL_CONFIG,
        "http://127.0.0.1:" + proxy.port(),
        "s3.retry.retries",
        "8",
        "s3.retry.backoff.ms",
        "10",
        "s3.retry.max.backoff.ms",
        "200",
        "s3.request.timeout.ms",
        "2000");
  }
}
