package io.timeshard.connect.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeshard.connect.store.azure.AzureBlobConfig;
import io.timeshard.connect.store.gcs.GcsConfig;
import io.timeshard.connect.store.s3.S3Config;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectStoresTest {

  @ParameterizedTest(name = "{0}={1} selects {2}")
  @CsvSource({
    "store.url, file:///backups, file",
    "azblob.container.name, backups, azblob",
    "gcs.bucket.name, backups, gcs",
    "s3.bucket.name, backups, s3",
  })
  void selectsTheStoreWhoseKeyIsSet(String key, String value, String store) {
    assertThat(ObjectStores.select(Map.of(key, value)).name()).isEqualTo(store);
  }

  @Test
  void aFileStoreUrlIsTheLocalFolderEvenWithAnS3Bucket() {
    Map<String, String> props = Map.of("s3.bucket.name", "b", "store.url", "file:///restore");
    assertThat(ObjectStores.select(props).name()).isEqualTo("file");
  }

  @Test
  void anHttpStoreUrlIsTheS3Endpoint() {
    Map<String, String> props = Map.of("s3.bucket.name", "b", "store.url", "http://127.0.0.1:9000");
    assertThat(ObjectStores.select(props).name()).isEqualTo("s3");
  }

  @Test
  void severalStoresNeedStoreType() {
    Map<String, String> props = Map.of("s3.bucket.name", "b", "gcs.bucket.name", "b");
    assertThatThrownBy(() -> ObjectStores.select(props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gcs, s3");
    assertThat(ObjectStores.select(with(props, "store.type", "gcs")).name()).isEqualTo("gcs");
  }

  @Test
  void aProviderRegisteredAsAServiceIsChosenByItsName(@TempDir Path folder) {
    Map<String, String> props =
        Map.of("store.type", "registered", RegisteredStoreProvider.ROOT_CONFIG, folder.toString());

    assertThat(ObjectStores.names())
        .startsWith("file", "azblob", "gcs", "s3")
        .contains("registered");
    assertThat(ObjectStores.select(props)).isInstanceOf(RegisteredStoreProvider.class);
    try (ObjectStore store = ObjectStores.open(props)) {
      assertThat(store.describe()).isEqualTo("file://" + folder.toAbsolutePath().normalize());
    }
    assertThat(ObjectStores.addTo(new ConfigDef()).configKeys())
        .containsKey(RegisteredStoreProvider.ROOT_CONFIG);
  }

  @Test
  void aRegisteredProviderCannotTakeABuiltInName() {
    ObjectStoreProvider builtIn =
        new ObjectStoreProvider() {
          @Override
          public String name() {
            return RegisteredStoreProvider.NAME;
          }

          @Override
          public ConfigDef configDef() {
            return new ConfigDef();
          }

          @Override
          public boolean accepts(Map<String, String> props) {
            return false;
          }

          @Override
          public ObjectStore create(Map<String, String> props) {
            throw new UnsupportedOperationException();
          }
        };

    assertThat(ObjectStores.withRegistered(List.of(builtIn))).containsExactly(builtIn);
  }

  @Test
  void everySecretIsAPassword() {
    assertThat(ObjectStores.secretKeys())
        .containsExactlyInAnyOrder(
            AzureBlobConfig.ACCOUNT_KEY_CONFIG,
            AzureBlobConfig.SAS_TOKEN_CONFIG,
            AzureBlobConfig.CONNECTION_STRING_CONFIG,
            AzureBlobConfig.CLIENT_SECRET_CONFIG,
            GcsConfig.CREDENTIALS_JSON_CONFIG,
            S3Config.SECRET_ACCESS_KEY_CONFIG,
            S3Config.STS_EXTERNAL_ID_CONFIG);
  }

  @Test
  void maskedHidesSecretsAndKeepsTheRest() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("azblob.account.name", "acct");
    props.put("azblob.account.key", "c2VjcmV0");
    props.put("azblob.sas.token", "sv=2024&sig=abc");
    props.put("aws.secret.access.key", "s3cr3t");
    props.put("gcs.credentials.json", "{\"private_key\":\"k\"}");
    props.put("azblob.client.id", "0b6d3a0e");
    props.put("azblob.client.secret", "Zq8~client-secret");
    props.put("aws.sts.role.arn", "arn:aws:iam::123456789012:role/restore");
    props.put("aws.sts.role.external.id", "ext-7f3a9c");

    Map<String, String> masked = ObjectStores.masked(props);

    assertThat(masked)
        .containsEntry("azblob.account.name", "acct")
        .containsEntry("azblob.account.key", ObjectStores.HIDDEN)
        .containsEntry("azblob.sas.token", ObjectStores.HIDDEN)
        .containsEntry("aws.secret.access.key", ObjectStores.HIDDEN)
        .containsEntry("gcs.credentials.json", ObjectStores.HIDDEN)
        .containsEntry("azblob.client.id", "0b6d3a0e")
        .containsEntry("azblob.client.secret", ObjectStores.HIDDEN)
        .containsEntry("aws.sts.role.arn", "arn:aws:iam::123456789012:role/restore")
        .containsEntry("aws.sts.role.external.id", ObjectStores.HIDDEN);
    assertThat(masked.toString())
        .doesNotContain(
            "c2VjcmV0", "sig=abc", "s3cr3t", "private_key", "Zq8~client-secret", "ext-7f3a9c");
    assertThat(props).containsEntry("azblob.account.key", "c2VjcmV0");
  }

  @Test
  void everyStoreKeyIsDocumentedInItsGroup() {
    for (ObjectStoreProvider provider : ObjectStores.providers()) {
      for (ConfigDef.ConfigKey key : provider.configDef().configKeys().values()) {
        assertThat(key.group).as(key.name).isNotBlank();
        assertThat(key.documentation).as(key.name).isNotBlank();
        assertThat(key.displayName).as(key.name).isNotBlank();
        assertThat(key.orderInGroup).as(key.name).isPositive();
        if (key.validator != null) {
          assertThat(key.validator.toString()).as(key.name).doesNotContain("@");
        }
      }
    }
    assertThat(new AzureBlobConfig(Map.of()).values()).isNotEmpty();
  }

  @Test
  void storeKeysMergeIntoTheConnectorsDefinitionOnce() {
    ConfigDef def = ObjectStores.addTo(new ConfigDef());
    assertThat(def.configKeys())
        .containsKeys(
            "azblob.account.name",
            "azblob.endpoint",
            "azblob.retry.retries",
            "gcs.bucket.name",
            "gcs.endpoint",
            "s3.bucket.name",
            "store.url",
            "aws.access.key.id");
    assertThat(def.groups()).contains("Azure Blob Storage", "Google Cloud Storage", "S3");
  }

  @Test
  void configValuesShowPasswordsHidden() {
    AzureBlobConfig config =
        new AzureBlobConfig(
            Map.of(
                "azblob.account.name", "acct",
                "azblob.account.key", "c2VjcmV0",
                "azblob.container.name", "backups"));
    assertThat(config.values().toString()).doesNotContain("c2VjcmV0").contains("[hidden]");
  }

  private static Map<String, String> with(Map<String, String> props, String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(props);
    copy.put(key, value);
    return copy;
  }
}
