package io.timeshard.connect.store.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.identity.ClientSecretCredential;
import com.azure.identity.DefaultAzureCredential;
import com.azure.identity.ManagedIdentityCredential;
import com.azure.storage.blob.BlobContainerClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * The wiring of {@code azblob.credentials.type} to the Azure SDK's Microsoft Entra ID credentials.
 * Azurite accepts no Entra ID tokens over plain HTTP and no emulator issues them, so these tests
 * stop short of a sign-in: they check which credential is built, with what, and which
 * configurations are refused before any request.
 */
class AzureEntraIdCredentialsTest {

  private static final String SECRET = "Zq8~client-secret-value";
  private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  private static final String CLIENT = "0b6d3a0e-5d2f-4b55-9b3f-1b1e3f9a7c11";

  private static Map<String, String> entraId(String type) {
    Map<String, String> props = new HashMap<>();
    props.put("azblob.container.name", "backups");
    props.put("azblob.account.name", "prodbackups");
    props.put("azblob.credentials.type", type);
    return props;
  }

  private static BlobContainerClient client(Map<String, String> props) {
    AzureBlobConfig config = new AzureBlobConfig(props);
    return AzureBlobStoreProvider.containerClient(
        config, AzureBlobStoreProvider.httpClient(config));
  }

  @Test
  void autoIsTheDefaultAndKeepsTheSharedKeys() {
    Map<String, String> props = entraId("auto");
    props.remove("azblob.credentials.type");
    props.put("azblob.sas.token", "?sv=2024&sig=abc");
    AzureBlobConfig config = new AzureBlobConfig(props);
    assertThat(config.credentialsType()).isEqualTo(AzureBlobConfig.CredentialsType.AUTO);
    assertThat(config.auth()).isEqualTo(AzureBlobConfig.Auth.SAS_TOKEN);
  }

  @Test
  void withoutAnyCredentialsTheMessageNamesTheEntraIdTypes() {
    Map<String, String> props = entraId("auto");
    assertThatThrownBy(() -> new AzureBlobConfig(props).auth())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("azblob.credentials.type")
        .hasMessageContaining("managed_identity");
  }

  @Test
  void defaultBuildsTheDefaultChainWithTheClientIdOfTheIdentity() {
    Map<String, String> props = entraId("default");
    props.put("azblob.client.id", CLIENT);
    AzureBlobConfig config = new AzureBlobConfig(props);
    assertThat(config.auth()).isEqualTo(AzureBlobConfig.Auth.DEFAULT);
    assertThat(config.auth().entraId()).isTrue();
    assertThat(
            AzureBlobStoreProvider.tokenCredential(
                config, AzureBlobStoreProvider.httpClient(config)))
        .isInstanceOf(DefaultAzureCredential.class);
    BlobContainerClient client = client(props);
    assertThat(client.getBlobContainerUrl())
        .isEqualTo("https://prodbackups.blob.core.windows.net/backups");
  }

  @Test
  void managedIdentityTakesAnOptionalClientId() {
    Map<String, String> props = entraId("managed_identity");
    AzureBlobConfig systemAssigned = new AzureBlobConfig(props);
    assertThat(systemAssigned.auth()).isEqualTo(AzureBlobConfig.Auth.MANAGED_IDENTITY);
    assertThat(systemAssigned.clientId()).isNull();
    assertThat(
            AzureBlobStoreProvider.tokenCredential(
                systemAssigned, AzureBlobStoreProvider.httpClient(systemAssigned)))
        .isInstanceOf(ManagedIdentityCredential.class);

    props.put("azblob.client.id", " " + CLIENT + " ");
    AzureBlobConfig userAssigned = new AzureBlobConfig(props);
    assertThat(userAssigned.clientId()).isEqualTo(CLIENT);
    assertThat(client(props).getAccountName()).isEqualTo("prodbackups");
  }

  @Test
  void aServicePrincipalSignsInWithTenantClientAndSecret() {
    Map<String, String> props = entraId("service_principal");
    props.put("azblob.tenant.id", TENANT);
    props.put("azblob.client.id", CLIENT);
    props.put("azblob.client.secret", SECRET);
    AzureBlobConfig config = new AzureBlobConfig(props);
    assertThat(config.auth()).isEqualTo(AzureBlobConfig.Auth.SERVICE_PRINCIPAL);
    assertThat(config.clientSecret().toString()).isEqualTo("[hidden]");
    assertThat(
            AzureBlobStoreProvider.tokenCredential(
                config, AzureBlobStoreProvider.httpClient(config)))
        .isInstanceOf(ClientSecretCredential.class);
    assertThat(client(props).getBlobContainerName()).isEqualTo("backups");
  }

  @Test
  void aServicePrincipalWithoutOneOfItsKeysIsNamed() {
    for (String missing : new String[] {"azblob.tenant.id", "azblob.client.id"}) {
      Map<String, String> props = entraId("service_principal");
      props.put("azblob.tenant.id", TENANT);
      props.put("azblob.client.id", CLIENT);
      props.put("azblob.client.secret", SECRET);
      props.remove(missing);
      assertThatThrownBy(() -> new AzureBlobConfig(props).auth())
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(missing)
          .hasMessageNotContaining(SECRET);
    }
    Map<String, String> props = entraId("service_principal");
    props.put("azblob.tenant.id", TENANT);
    props.put("azblob.client.id", CLIENT);
    assertThatThrownBy(() -> new AzureBlobConfig(props).auth())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("azblob.client.secret");
  }

  @Test
  void aClientSecretWithAnotherTypeIsRefusedWithoutQuotingIt() {
    for (String type : new String[] {"managed_identity", "default"}) {
      Map<String, String> props = entraId(type);
      props.put("azblob.client.secret", SECRET);
      assertThatThrownBy(() -> new AzureBlobConfig(props).auth())
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("azblob.client.secret")
          .hasMessageContaining("service_principal")
          .hasMessageNotContaining(SECRET);
    }
    Map<String, String> props = entraId("auto");
    props.put("azblob.account.key", "c2VjcmV0");
    props.put("azblob.client.secret", SECRET);
    assertThatThrownBy(() -> new AzureBlobConfig(props).auth())
        .hasMessageContaining("azblob.client.secret")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void entraIdTakesNoSharedKeyAndOnlyHttps() {
    Map<String, String> withKey = entraId("managed_identity");
    withKey.put("azblob.account.key", "c2VjcmV0LWtleQ==");
    assertThatThrownBy(() -> new AzureBlobConfig(withKey).auth())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("azblob.account.key")
        .hasMessageNotContaining("c2VjcmV0LWtleQ==");

    Map<String, String> http = entraId("default");
    http.put("azblob.endpoint", "http://127.0.0.1:10000/devstoreaccount1");
    assertThatThrownBy(() -> new AzureBlobConfig(http).auth())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("azblob.endpoint")
        .hasMessageContaining("https");

    Map<String, String> privateEndpoint = entraId("default");
    privateEndpoint.remove("azblob.account.name");
    privateEndpoint.put("azblob.endpoint", "https://prodbackups.privatelink.blob.core.windows.net");
    assertThat(client(privateEndpoint).getBlobContainerUrl())
        .isEqualTo("https://prodbackups.privatelink.blob.core.windows.net/backups");
  }

  @Test
  void anExplicitSharedKeyTypeNeedsItsKey() {
    Map<String, String> props = entraId("account_key");
    props.put("azblob.sas.token", "sv=2024&sig=abc");
    assertThatThrownBy(() -> new AzureBlobConfig(props).auth())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("azblob.credentials.type")
        .hasMessageContaining("azblob.account.key")
        .hasMessageNotContaining("sig=abc");
    props.remove("azblob.sas.token");
    props.put("azblob.account.key", "c2VjcmV0");
    assertThat(new AzureBlobConfig(props).auth()).isEqualTo(AzureBlobConfig.Auth.ACCOUNT_KEY);
  }

  @Test
  void anUnknownTypeIsRejectedSayingWhatIsValid() {
    assertThatThrownBy(() -> new AzureBlobConfig(entraId("workload")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("azblob.credentials.type");
    assertThat(AzureBlobConfig.CONFIG_DEF.configKeys().get("azblob.credentials.type").validator)
        .hasToString(
            "[auto, account_key, sas_token, connection_string, default, managed_identity,"
                + " service_principal]");
  }

  @Test
  void theClientSecretIsAPassword() {
    Map<String, ConfigDef.ConfigKey> keys = AzureBlobConfig.CONFIG_DEF.configKeys();
    assertThat(keys.get("azblob.client.secret").type).isEqualTo(ConfigDef.Type.PASSWORD);
    assertThat(keys.get("azblob.client.id").type).isEqualTo(ConfigDef.Type.STRING);
  }
}
