package io.timeshard.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Azurite's blob service, as {@code npm ci} installs it at the repository root, run in memory on a
 * free 127.0.0.1 port until closed.
 */
public final class Azurite implements AutoCloseable {

  /** The kernel's USER_HZ, 100 on Linux. */
  private static final double CLOCK_TICKS = 100.0;

  private final Process process;
  private final Path log;
  private final int port;

  private Azurite(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** {@code node_modules/.bin/azurite-blob} of the repository, if installed. */
  public static Optional<Path> installed() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("package.json"))
          && Files.isRegularFile(dir.resolve("mvnw"))) {
        Path azurite = dir.resolve("node_modules/.bin/azurite-blob");
        return Files.isExecutable(azurite) ? Optional.of(azurite) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Starts Azurite and waits until it accepts connections. */
  public static Azurite start(Path azurite) throws IOException, InterruptedException {
    int port = freePort();
    Path log = Files.createTempFile("timeshard-azurite-", ".log");
    Process process =
        new ProcessBuilder(
                List.of(
                    azurite.toString(),
                    "--blobHost",
                    "127.0.0.1",
                    "--blobPort",
                    Integer.toString(port),
                    "--inMemoryPersistence",
                    "--disableTelemetry",
                    "--skipApiVersionCheck",
                    "--silent"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Azurite started = new Azurite(process, log, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String output = Files.readString(log);
        started.close();
        throw new IOException("Azurite exited before it listened:\n" + output);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return started;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    started.close();
    throw new IOException("Azurite did not listen on 127.0.0.1:" + port + " within 30 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  /**
   * CPU seconds Azurite has used so far (user and system, with its child processes), read from
   * {@code /proc}; -1 where that cannot be read.
   */
  public double cpuSeconds() {
    double total = 0;
    List<ProcessHandle> all = new java.util.ArrayList<>();
    all.add(process.toHandle());
    process.descendants().forEach(all::add);
    for (ProcessHandle handle : all) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
        // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime
        // 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }
    return total;
  }

  /** The {@code azblob.endpoint} of the development account through {@code port}. */
  public static String endpoint(int port) {
    return "http://127.0.0.1:" + port + "/devstoreaccount1";
  }

  public String endpoint() {
    return endpoint(port);
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(log);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException ignored) {
      // A leftover log in the temporary folder does no harm.
    }
  }
}
