package io.timeshard.connect.store.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class GcsConfigTest {

  @Test
  void readsTheSinksKeys() {
    GcsConfig config =
        new GcsConfig(
            Map.of(
                "gcs.bucket.name", "backups",
                "gcs.credentials.path", "/etc/gcs/key.json",
                "gcs.endpoint", "https://storage.example.com/"));
    assertThat(config.bucketName()).isEqualTo("backups");
    assertThat(config.credentialsPath()).isEqualTo("/etc/gcs/key.json");
    assertThat(config.credentialsJson()).isNull();
    assertThat(config.endpoint()).isEqualTo("https://storage.example.com");
    assertThat(config.retryPolicy().maxAttempts()).isEqualTo(6);
  }

  @Test
  void onlyOneKindOfCredentials() {
    GcsConfig config =
        new GcsConfig(
            Map.of(
                "gcs.bucket.name", "b",
                "gcs.credentials.path", "/k.json",
                "gcs.credentials.json", "{}"));
    assertThatThrownBy(config::validateCredentials).isInstanceOf(ConfigException.class);
  }

  @Test
  void unusableCredentialsJsonIsNamedNotQuoted() {
    String json = "{\"type\":\"service_account\",\"private_key\":\"PRIVATE-KEY-TEXT\"}";
    GcsConfig config = new GcsConfig(Map.of("gcs.bucket.name", "b", "gcs.credentials.json", json));
    assertThatThrownBy(() -> GcsStoreProvider.storage(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gcs.credentials.json")
        .hasMessageNotContaining("PRIVATE-KEY-TEXT");
    assertThat(config.values().toString()).doesNotContain("PRIVATE-KEY-TEXT");
  }

  @Test
  void theCredentialsJsonIsAPassword() {
    assertThat(GcsConfig.CONFIG_DEF.configKeys().get("gcs.credentials.json").type)
        .isEqualTo(ConfigDef.Type.PASSWORD);
  }
}
