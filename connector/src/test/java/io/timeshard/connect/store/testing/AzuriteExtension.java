package io.timeshard.connect.store.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Azurite's blob service (installed by {@code npm ci} at the repository root) on a free
 * 127.0.0.1 port for the tests of one class, in memory, and stops it afterwards, also when a test
 * fails. Without {@code node_modules/.bin/azurite-blob} the class is skipped with a message that
 * says how to install it.
 *
 * <pre>
 * &#64;RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();
 * </pre>
 */
public final class AzuriteExtension
    implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

  private static final Logger log = LoggerFactory.getLogger(AzuriteExtension.class);
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  /** Azurite's development account and its well-known key (public, not a secret). */
  public static final String ACCOUNT = "devstoreaccount1";

  public static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private EmulatorProcess process;

  private static Path azurite() {
    return RepositoryRoot.find().resolve("node_modules/.bin/azurite-blob");
  }

  private static String notInstalled() {
    return "Azurite is not installed (no "
        + azurite()
        + "): skipping the Azure Blob Storage tests; run 'npm ci' at the repository root to run"
        + " them";
  }

  /** Skips every test of the class, each with the reason, when Azurite is not installed. */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (Files.isExecutable(azurite())) {
      return ConditionEvaluationResult.enabled("Azurite is installed");
    }
    if (WARNED.compareAndSet(false, true)) {
      log.warn(notInstalled());
    }
    return ConditionEvaluationResult.disabled(notInstalled());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Path azurite = azurite();
    Assumptions.assumeTrue(Files.isExecutable(azurite), AzuriteExtension::notInstalled);
    int port = EmulatorProcess.freePort();
    process =
        EmulatorProcess.start(
            "azurite-blob",
            List.of(
                azurite.toString(),
                "--blobHost",
                "127.0.0.1",
                "--blobPort",
                Integer.toString(port),
                "--inMemoryPersistence",
                "--disableTelemetry",
                "--skipApiVersionCheck",
                "--silent"),
            port,
            Duration.ofSeconds(30));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (process != null) {
      process.close();
      process = null;
    }
  }

  public int port() {
    return process.port();
  }

  /** {@code http://127.0.0.1:<port>/devstoreaccount1}: the value for {@code azblob.endpoint}. */
  public String endpoint() {
    return endpoint(port());
  }

  public static String endpoint(int port) {
    return "http://127.0.0.1:" + port + "/" + ACCOUNT;
  }
}
