package io.timeshard.cli.testing;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import io.timeshard.fixtures.ObjectSink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Azurite's blob service (installed by {@code npm ci} at the repository root) on a free 127.0.0.1
 * port, in memory, for one test class.
 */
public final class Azurite implements AutoCloseable {

  /** Azurite's development account and its well-known key (public, not a secret). */
  public static final String ACCOUNT = "devstoreaccount1";

  public static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private final Process process;
  private final int port;

  private Azurite(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** {@code node_modules/.bin/azurite-blob} of the repository. */
  public static Path executable() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("package.json"))
          && Files.isRegularFile(dir.resolve("mvnw"))) {
        return dir.resolve("node_modules/.bin/azurite-blob");
      }
    }
    return Path.of("node_modules/.bin/azurite-blob");
  }

  public static boolean installed() {
    return Files.isExecutable(executable());
  }

  public static Azurite start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket =
        new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    Process process =
        new ProcessBuilder(
                executable().toString(),
                "--blobHost",
                "127.0.0.1",
                "--blobPort",
                Integer.toString(port),
                "--inMemoryPersistence",
                "--disableTelemetry",
                "--skipApiVersionCheck",
                "--silent")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    Azurite azurite = new Azurite(process, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return azurite;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    azurite.close();
    throw new IllegalStateException("Azurite did not listen on 127.0.0.1:" + port);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port + "/" + ACCOUNT;
  }

  /** Creates a container and returns a sink that uploads each object to it. */
  public ObjectSink container(String name) {
    BlobContainerClient client =
        new BlobContainerClientBuilder()
            .endpoint(endpoint())
            .credential(new StorageSharedKeyCredential(ACCOUNT, KEY))
            .containerName(name)
            .buildClient();
    client.create();
    return (key, bytes) -> client.getBlobClient(key).upload(BinaryData.fromBytes(bytes), true);
  }

  /** The connector keys that read the container. */
  public Map<String, String> config(String container) {
    return Map.of(
        "azblob.account.name", ACCOUNT,
        "azblob.account.key", KEY,
        "azblob.container.name", container,
        "azblob.endpoint", endpoint());
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
