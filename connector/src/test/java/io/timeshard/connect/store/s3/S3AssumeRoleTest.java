package io.timeshard.connect.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The wiring of {@code aws.sts.role.arn} to the SDK's assume-role provider. s3proxy has no STS, so
 * the STS endpoint here is a local HTTP server that records the AssumeRole request and answers it
 * as STS does: the test checks what the SDK sends with this configuration and that the temporary
 * credentials come back. Signing in against AWS itself is not tested.
 */
class S3AssumeRoleTest {

  private static final String ROLE = "arn:aws:iam::123456789012:role/restore";
  private static final String EXTERNAL_ID = "ext-7f3a9c";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  private HttpServer sts;
  private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startSts() throws IOException {
    sts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    sts.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Map<String, String> form = new HashMap<>();
          for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
              form.put(
                  pair.substring(0, eq),
                  URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
          }
          form.put(
              "Authorization",
              String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          requests.add(form);
          byte[] answer =
              ("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                      + "<AssumeRoleResult><Credentials>"
                      + "<AccessKeyId>ASIATEMPORARY</AccessKeyId>"
                      + "<SecretAccessKey>temporary-secret</SecretAccessKey>"
                      + "<SessionToken>session-token</SessionToken>"
                      + "<Expiration>2099-01-01T00:00:00Z</Expiration>"
                      + "</Credentials><AssumedRoleUser>"
                      + "<Arn>arn:aws:sts::123456789012:assumed-role/restore/timeshard-restore</Arn>"
                      + "<AssumedRoleId>AROAEXAMPLE:timeshard-restore</AssumedRoleId>"
                      + "</AssumedRoleUser></AssumeRoleResult>"
                      + "<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>"
                      + "</AssumeRoleResponse>")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/xml");
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    sts.start();
  }

  @AfterEach
  void stopSts() {
    sts.stop(0);
  }

  private Map<String, String> withRole() {
    Map<String, String> props = new HashMap<>();
    props.put("s3.bucket.name", "backups");
    props.put("s3.region", "eu-west-1");
    props.put("aws.access.key.id", "AKIABASEKEY");
    props.put("aws.secret.access.key", SECRET);
    props.put("aws.sts.role.arn", ROLE);
    props.put("aws.sts.endpoint", "http://127.0.0.1:" + sts.getAddress().getPort());
    return props;
  }

  @Test
  void withoutARoleTheKeysAreUsedAsTheyAre() {
    Map<String, String> props = withRole();
    props.remove("aws.sts.role.arn");
    S3Config config = new S3Config(props);
    assertThat(config.stsRoleArn()).isNull();
    assertThat(S3StoreProvider.credentials(config)).isInstanceOf(StaticCredentialsProvider.class);
  }

  @Test
  void theRoleIsAssumedWithTheConfiguredKeysSessionNameAndExternalId() {
    Map<String, String> props = withRole();
    props.put("aws.sts.role.external.id", EXTERNAL_ID);
    props.put("aws.sts.role.session.name", "restore-orders");
    S3Config config = new S3Config(props);

    AwsCredentialsProvider provider = S3StoreProvider.credentials(config);
    assertThat(provider).isInstanceOf(StsAssumeRoleCredentialsProvider.class);
    assertThat(requests).as("nothing is asked before the first request").isEmpty();
    AwsCredentials credentials = provider.resolveCredentials();

    assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
    assertThat(credentials.accessKeyId()).isEqualTo("ASIATEMPORARY");
    assertThat(((AwsSessionCredentials) credentials).sessionToken()).isEqualTo("session-token");
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0))
        .containsEntry("Action", "AssumeRole")
        .containsEntry("RoleArn", ROLE)
        .containsEntry("RoleSessionName", "restore-orders")
        .containsEntry("ExternalId", EXTERNAL_ID);
    assertThat(requests.get(0).get("Authorization"))
        .as("signed with the base key for the region")
        .contains("Credential=AKIABASEKEY/")
        .contains("/eu-west-1/sts/")
        .doesNotContain(SECRET);
    ((StsAssumeRoleCredentialsProvider) provider).close();
  }

  @Test
  void theSessionNameDefaultsAndIsValidated() {
    assertThat(new S3Config(withRole()).stsSessionName()).isEqualTo("timeshard-restore");
    Map<String, String> props = withRole();
    props.put("aws.sts.role.session.name", "has spaces");
    assertThatThrownBy(() -> new S3Config(props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("aws.sts.role.session.name");
  }

  @Test
  void anExternalIdWithoutARoleIsRefusedWithoutQuotingIt() {
    Map<String, String> props = withRole();
    props.remove("aws.sts.role.arn");
    props.put("aws.sts.role.external.id", EXTERNAL_ID);
    assertThatThrownBy(() -> new S3Config(props).stsRoleArn())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("aws.sts.role.arn")
        .hasMessageNotContaining(EXTERNAL_ID);
  }

  @Test
  void theExternalIdIsAPassword() {
    assertThat(S3Config.CONFIG_DEF.configKeys().get("aws.sts.role.external.id").type)
        .isEqualTo(ConfigDef.Type.PASSWORD);
    Map<String, String> props = withRole();
    props.put("aws.sts.role.external.id", EXTERNAL_ID);
    assertThat(new S3Config(props).stsExternalId().toString()).isEqualTo("[hidden]");
  }
}
