package io.timeshard.connect.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class S3ConfigTest {

  private final S3StoreProvider provider = new S3StoreProvider();

  @Test
  void defaultsAreTheSinks() {
    S3Config config = new S3Config(Map.of("s3.bucket.name", "backups"));
    assertThat(config.bucketName()).isEqualTo("backups");
    assertThat(config.region()).isEqualTo("us-west-2");
    assertThat(config.pathStyle()).isTrue();
    assertThat(config.endpoint()).isNull();
    assertThat(config.accessKeyId()).as("the default credentials chain").isNull();
    assertThat(config.retryPolicy().retries()).isEqualTo(5);
  }

  @Test
  void anHttpStoreUrlIsTheEndpointAndAFileUrlIsNot() {
    assertThat(
            new S3Config(Map.of("s3.bucket.name", "b", "store.url", "http://127.0.0.1:9000"))
                .endpoint())
        .isEqualTo(URI.create("http://127.0.0.1:9000"));
    assertThat(new S3Config(Map.of("s3.bucket.name", "b", "store.url", "file:///x")).endpoint())
        .isNull();
  }

  @Test
  void theProviderLeavesFileUrlsToTheLocalStore() {
    assertThat(provider.accepts(Map.of("s3.bucket.name", "b"))).isTrue();
    assertThat(provider.accepts(Map.of("s3.bucket.name", "b", "store.url", "https://minio:9000")))
        .isTrue();
    assertThat(provider.accepts(Map.of("s3.bucket.name", "b", "store.url", "FILE:///restore")))
        .isFalse();
    assertThat(provider.accepts(Map.of("store.url", "https://minio:9000"))).isFalse();
  }

  @Test
  void anOtherSchemeIsRejectedSayingWhatIsValid() {
    assertThatThrownBy(() -> new S3Config(Map.of("s3.bucket.name", "b", "store.url", "ftp://x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("store.url");
    assertThat(S3Config.CONFIG_DEF.configKeys().get("store.url").validator.toString())
        .contains("file:///path", "http://");
  }

  @Test
  void aKeyIdNeedsItsSecret() {
    Map<String, String> props = new HashMap<>();
    props.put("s3.bucket.name", "b");
    props.put("aws.access.key.id", "AKIDEXAMPLE");
    assertThatThrownBy(() -> new S3Config(props).accessKeyId())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("aws.secret.access.key");
    props.put("aws.secret.access.key", "wJalrXUtnFEMI");
    S3Config config = new S3Config(props);
    assertThat(config.accessKeyId()).isEqualTo("AKIDEXAMPLE");
    assertThat(config.secretAccessKey().toString()).isEqualTo("[hidden]");
    assertThat(config.values().toString()).doesNotContain("wJalrXUtnFEMI");
  }

  @Test
  void theSecretIsAPassword() {
    assertThat(S3Config.CONFIG_DEF.configKeys().get("aws.secret.access.key").type)
        .isEqualTo(ConfigDef.Type.PASSWORD);
  }
}
