package io.timeshard.connect.store.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs s3proxy (an S3 API over an in-memory blob store) on a free 127.0.0.1 port for the tests of
 * one class, checking signatures against {@link #ACCESS_KEY_ID} and {@link #SECRET_ACCESS_KEY}, and
 * stops it afterwards, also when a test fails. The build copies its jar to the path in the {@code
 * s3proxy.jar} system property; without it the class is skipped.
 */
public final class S3ProxyExtension implements BeforeAllCallback, AfterAllCallback {

  public static final String ACCESS_KEY_ID = "timeshard-test";
  public static final String SECRET_ACCESS_KEY = "timeshard-test-secret-0123456789";
  public static final String REGION = "us-east-1";

  private EmulatorProcess process;
  private Path config;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    String jarPath = System.getProperty("s3proxy.jar");
    Assumptions.assumeTrue(
        jarPath != null && Files.isRegularFile(Path.of(jarPath)),
        "s3proxy is not available (system property s3proxy.jar="
            + jarPath
            + "): run the tests with Maven, which copies it into target/");
    int port = EmulatorProcess.freePort();
    config = Files.createTempFile("s3proxy-", ".conf");
    Files.writeString(
        config,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY_ID,
            "s3proxy.credential=" + SECRET_ACCESS_KEY,
            "jclouds.provider=transient-nio2",
            "jclouds.identity=unused",
            "jclouds.credential=unused",
            ""));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process =
        EmulatorProcess.start(
            "s3proxy",
            List.of(
                java,
                // It keeps every object in its heap: -Dtimeshard.s3proxy.heap=2g for 120,000.
                "-Xmx" + System.getProperty("timeshard.s3proxy.heap", "256m"),
                "-jar",
                jarPath,
                "--properties",
                config.toString()),
            port,
            Duration.ofSeconds(60));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (process != null) {
      process.close();
      process = null;
    }
    if (config != null) {
      Files.deleteIfExists(config);
    }
  }

  public int port() {
    return process.port();
  }

  /** {@code http://127.0.0.1:<port>}: the value for {@code store.url}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }
}
