package io.timeshard.connect.store.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An emulator run as a child process on a 127.0.0.1 port: started, waited for until it accepts
 * connections, and stopped with everything it started.
 */
final class EmulatorProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path output;
  private final int port;

  private EmulatorProcess(String name, Process process, Path output, int port) {
    this.name = name;
    this.process = process;
    this.output = output;
    this.port = port;
  }

  /** A port that was free a moment ago on 127.0.0.1. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free port on 127.0.0.1", e);
    }
  }

  static java.net.InetAddress loopback() {
    try {
      return java.net.InetAddress.getByName("127.0.0.1");
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts {@code command} and waits until {@code port} accepts connections. */
  static EmulatorProcess start(String name, List<String> command, int port, Duration timeout) {
    Path output;
    Process process;
    try {
      output = Files.createTempFile(name + "-", ".log");
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start " + name + ": " + command, e);
    }
    EmulatorProcess emulator = new EmulatorProcess(name, process, output, port);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String log = emulator.output();
        emulator.close();
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + " before it listened:\n" + log);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(loopback(), port), 200);
        return emulator;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    String log = emulator.output();
    emulator.close();
    throw new IllegalStateException(
        name + " did not listen on 127.0.0.1:" + port + " within " + timeout + ":\n" + log);
  }

  int port() {
    return port;
  }

  String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
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
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(output);
    } catch (IOException ignored) {
      // A leftover log file in the temp folder does no harm.
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for an emulator", e);
    }
  }

  @Override
  public String toString() {
    return name + " on 127.0.0.1:" + port;
  }
}
