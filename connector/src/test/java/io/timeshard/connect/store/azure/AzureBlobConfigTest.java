package io.timeshard.connect.store.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeshard.connect.store.RetryPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class AzureBlobConfigTest {

  private static final String KEY = "c2VjcmV0LWtleQ==";

  /** The Azure keys of a sink configuration, plus the emulator's endpoint. */
  private static Map<String, String> sinkKeys() {
    Map<String, String> props = new HashMap<>();
    props.put("azblob.account.name", "devstoreaccount1");
    props.put("azblob.account.key", KEY);
    props.put("azblob.container.name", "backups");
    props.put("azblob.endpoint", "http://127.0.0.1:10000/devstoreaccount1/");
    return props;
  }

  @Test
  void theSinksKeysAreEnough() {
    AzureBlobConfig config = new AzureBlobConfig(sinkKeys());
    assertThat(config.auth()).isEqualTo(AzureBlobConfig.Auth.ACCOUNT_KEY);
    assertThat(config.accountName()).isEqualTo("devstoreaccount1");
    assertThat(config.containerName()).isEqualTo("backups");
    assertThat(config.endpoint()).isEqualTo("http://127.0.0.1:10000/devstoreaccount1");
    assertThat(config.accountKey().value()).isEqualTo(KEY);
  }

  @Test
  void retriesDefaultToFiveAndMapOntoAttempts() {
    RetryPolicy retry = new AzureBlobConfig(sinkKeys()).retryPolicy();
    assertThat(retry.retries()).isEqualTo(5);
    assertThat(retry.maxAttempts()).isEqualTo(6);

    Map<String, String> props = sinkKeys();
    props.put("azblob.retry.retries", "2");
    props.put("azblob.retry.backoff.ms", "50");
    props.put("azblob.retry.max.backoff.ms", "10");
    props.put("azblob.request.timeout.ms", "1500");
    retry = new AzureBlobConfig(props).retryPolicy();
    assertThat(retry.maxAttempts()).isEqualTo(3);
    assertThat(retry.backoff()).isEqualTo(Duration.ofMillis(50));
    assertThat(retry.maxBackoff())
        .as("never below the first backoff")
        .isEqualTo(Duration.ofMillis(50));
    assertThat(retry.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void negativeRetriesAreRejectedSayingWhatIsValid() {
    Map<String, String> props = sinkKeys();
    props.put("azblob.retry.retries", "-1");
    assertThatThrownBy(() -> new AzureBlobConfig(props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("azblob.retry.retries");
  }

  @Test
  void aSasTokenLosesItsQuestionMark() {
    Map<String, String> props = sinkKeys();
    props.remove("azblob.account.key");
    props.put("azblob.sas.token", "?sv=2024-01-01&sig=abc");
    AzureBlobConfig config = new AzureBlobConfig(props);
    assertThat(config.auth()).isEqualTo(AzureBlobConfig.Auth.SAS_TOKEN);
    assertThat(config.sasToken().value()).isEqualTo("sv=2024-01-01&sig=abc");
    assertThat(config.sasToken().toString()).isEqualTo("[hidden]");
  }

  @Test
  void credentialsAreRequiredAndOneKindOnly() {
    Map<String, String> none = sinkKeys();
    none.remove("azblob.account.key");
    assertThatThrownBy(() -> new AzureBlobConfig(none).auth())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("azblob.account.key");

    Map<String, String> both = sinkKeys();
    both.put("azblob.sas.token", "sv=x&sig=SIGNATURE");
    assertThatThrownBy(() -> new AzureBlobConfig(both).auth())
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("SIGNATURE")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void anAccountKeyNeedsItsAccount() {
    Map<String, String> props = sinkKeys();
    props.remove("azblob.account.name");
    assertThatThrownBy(() -> new AzureBlobConfig(props).auth())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("azblob.account.name")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void aBrokenConnectionStringIsNamedNotQuoted() {
    Map<String, String> props = new HashMap<>();
    props.put("azblob.container.name", "backups");
    props.put("azblob.connection.string", "AccountName=a;AccountKey=SECRETKEY;Garbage");
    AzureBlobConfig config = new AzureBlobConfig(props);
    assertThatThrownBy(
            () ->
                AzureBlobStoreProvider.containerClient(
                    config, AzureBlobStoreProvider.httpClient(config)))
        .hasMessageNotContaining("SECRETKEY");
  }

  @Test
  void secretsArePasswords() {
    Map<String, ConfigDef.ConfigKey> keys = AzureBlobConfig.CONFIG_DEF.configKeys();
    assertThat(keys.get("azblob.account.key").type).isEqualTo(ConfigDef.Type.PASSWORD);
    assertThat(keys.get("azblob.sas.token").type).isEqualTo(ConfigDef.Type.PASSWORD);
    assertThat(keys.get("azblob.connection.string").type).isEqualTo(ConfigDef.Type.PASSWORD);
    assertThat(keys.get("azblob.account.name").group).isEqualTo("Azure Blob Storage");
  }

  @Test
  void theProviderAcceptsAContainerName() {
    AzureBlobStoreProvider provider = new AzureBlobStoreProvider();
    assertThat(provider.accepts(sinkKeys())).isTrue();
    assertThat(provider.accepts(Map.of("azblob.account.name", "a"))).isFalse();
  }
}
