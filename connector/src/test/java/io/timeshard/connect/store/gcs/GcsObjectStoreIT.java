package io.timeshard.connect.store.gcs;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import io.timeshard.connect.store.ObjectStoreContract;
import io.timeshard.connect.store.ObjectStoreProvider;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The store contract on Google's in-memory storage ({@code LocalStorageHelper}), the only GCS
 * stand-in that runs here. It has no credentials, no buckets of its own (every bucket exists), no
 * paging (it ignores page sizes) and no HTTP: those tests are skipped, each saying so.
 */
class GcsObjectStoreIT extends ObjectStoreContract {

  private final Storage storage = LocalStorageHelper.getOptions().getService();

  @Override
  protected ObjectStoreProvider provider() {
    return new GcsStoreProvider(storage);
  }

  @Override
  protected Map<String, String> props(String bucket) {
    return Map.of(GcsConfig.BUCKET_NAME_CONFIG, bucket);
  }

  @Override
  protected void createContainer(String bucket) {
    // LocalStorageHelper cannot create buckets: every bucket exists.
  }

  @Override
  protected void put(String bucket, String key, byte[] data) {
    storage.create(BlobInfo.newBuilder(BlobId.of(bucket, key)).build(), data);
  }

  @Override
  protected String whyNoPaging() {
    return "LocalStorageHelper ignores page sizes and returns a whole listing in one page";
  }

  @Override
  protected Class<? extends Exception> missingContainerFailure() {
    return Assumptions.abort(
        "LocalStorageHelper has no bucket management: every bucket exists, so none is missing");
  }

  @Override
  protected Map<String, String> withWrongCredentials(Map<String, String> props) {
    return Assumptions.abort("LocalStorageHelper checks no credentials");
  }

  @Override
  protected int emulatorPort() {
    return Assumptions.abort(
        "LocalStorageHelper runs in-process without HTTP, so no proxy can inject faults");
  }
}
