package io.timeshard.connect.store.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 reverse proxy on 127.0.0.1 that forwards requests to an emulator and makes a share of
 * them fail the way clouds do: a 500 or 503 answer, a connection reset before any answer, or no
 * answer at all until the client gives up. Point a store's endpoint at {@link #port()} instead of
 * the emulator's; bytes pass through unchanged (signatures stay valid, since clients sign the host
 * they send to). A kept-alive connection to the emulator that the emulator closed while idle is
 * replaced, not passed on as a failure: only the faults that {@link #faults()} counts fail
 * requests.
 *
 * <p>Request bodies are read whole before they are forwarded, so clients that wait for {@code 100
 * Continue} must not upload through it: write test data to the emulator directly.
 *
 * <pre>
 * try (FaultInjectingProxy proxy = FaultInjectingProxy.start(emulatorPort, 0.10, 42)) {
 *   ... endpoint = "http://127.0.0.1:" + proxy.port() ...
 *   assertThat(proxy.faults()).isPositive();
 * }
 * </pre>
 */
public final class FaultInjectingProxy implements AutoCloseable {

  /** The kinds of failure, chosen in turn among the failing requests. */
  public enum Fault {
    SERVICE_UNAVAILABLE,
    INTERNAL_ERROR,
    RESET,
    HANG
  }

  private static final Duration LONGEST_HANG = Duration.ofSeconds(60);

  private final int upstreamPort;
  private final double failureRate;
  private final Random random;
  private final ServerSocket server;
  private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
  private final ExecutorService connections = Executors.newCachedThreadPool(daemon());
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger faults = new AtomicInteger();
  private volatile boolean closed;

  private FaultInjectingProxy(int upstreamPort, double failureRate, long seed) throws IOException {
    this.upstreamPort = upstreamPort;
    this.failureRate = failureRate;
    this.random = new Random(seed);
    this.server = new ServerSocket(0, 50, EmulatorProcess.loopback());
    Thread acceptor = new Thread(this::accept, "fault-proxy-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Starts a proxy in front of {@code 127.0.0.1:upstreamPort} that fails {@code failureRate} of the
   * requests (0.10 for one in ten), chosen by a random generator seeded with {@code seed}.
   */
  public static FaultInjectingProxy start(int upstreamPort, double failureRate, long seed)
      throws IOException {
    return new FaultInjectingProxy(upstreamPort, failureRate, seed);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Requests received so far, failed or not. */
  public int requests() {
    return requests.get();
  }

  /** Requests failed on purpose so far. */
  public int faults() {
    return faults.get();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
    // Threads waiting for a kept-alive client's next request wake up only when its socket closes.
    for (Socket client : clients) {
      try {
        client.close();
      } catch (IOException ignored) {
        // Closing anyway.
      }
    }
    connections.shutdownNow();
    try {
      connections.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        clients.add(client);
        connections.execute(() -> serve(client));
      } catch (IOException e) {
        if (!closed) {
          throw new IllegalStateException("Fault proxy stopped accepting", e);
        }
      }
    }
  }

  private Fault nextFault() {
    synchronized (random) {
      if (random.nextDouble() >= failureRate) {
        return null;
      }
      Fault[] all = Fault.values();
      return all[random.nextInt(all.length)];
    }
  }

  /** Serves one client connection: request after request, until either side closes. */
  private void serve(Socket client) {
    Socket upstream = null;
    InputStream fromUpstream = null;
    try (client) {
      client.setTcpNoDelay(true);
      InputStream fromClient = new BufferedInputStream(client.getInputStream());
      OutputStream toClient = client.getOutputStream();
      while (!closed) {
        Message request = Message.read(fromClient, true, null);
        if (request == null) {
          return;
        }
        requests.incrementAndGet();
        Fault fault = nextFault();
        if (fault != null) {
          faults.incrementAndGet();
          fail(fault, client, fromClient, toClient);
          return;
        }
        Message response = null;
        while (response == null) {
          boolean reused = upstream != null && !upstream.isClosed();
          if (!reused) {
            upstream = new Socket();
            upstream.connect(new InetSocketAddress(EmulatorProcess.loopback(), upstreamPort), 5000);
            upstream.setTcpNoDelay(true);
            fromUpstream = new BufferedInputStream(upstream.getInputStream());
          }
          try {
            OutputStream toUpstream = upstream.getOutputStream();
            toUpstream.write(request.bytes());
            toUpstream.flush();
            response = Message.read(fromUpstream, false, request.method());
          } catch (IOException e) {
            if (!reused) {
              throw e;
            }
          }
          if (response == null) {
            // The emulator closed the connection without a byte of answer. On a connection kept
            // from an earlier request that is the emulator's idle timeout, not a fault of ours:
            // send the request again on a new connection, as a reverse proxy does.
            upstream.close();
            if (!reused) {
              return;
            }
          }
        }
        toClient.write(response.bytes());
        toClient.flush();
        if (request.closes() || response.closes()) {
          return;
        }
      }
    } catch (IOException e) {
      // A client or upstream that went away ends the connection, as a real proxy's would.
    } finally {
      clients.remove(client);
      if (upstream != null) {
        try {
          upstream.close();
        } catch (IOException ignored) {
          // Closing anyway.
        }
      }
    }
  }

  private static void fail(Fault fault, Socket client, InputStream fromClient, OutputStream out)
      throws IOException {
    switch (fault) {
      case SERVICE_UNAVAILABLE -> answer(out, "503 Service Unavailable", "ServerBusy");
      case INTERNAL_ERROR -> answer(out, "500 Internal Server Error", "InternalError");
      case RESET -> {
        client.setSoLinger(true, 0);
        client.close();
      }
      case HANG -> {
        // Say nothing until the client gives up (its read returns or fails) or a minute passes.
        client.setSoTimeout((int) LONGEST_HANG.toMillis());
        try {
          while (fromClient.read() >= 0) {
            // A client that gives up closes; anything it sends meanwhile is ignored.
          }
        } catch (IOException gaveUp) {
          // Timed out or reset: either way the request is over.
        }
      }
    }
  }

  private static void answer(OutputStream out, String status, String code) throws IOException {
    byte[] body =
        ("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>"
                + code
                + "</Code><Message>Injected by the test proxy</Message></Error>")
            .getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + "\r\nContent-Type: application/xml\r\nContent-Length: "
            + body.length
            + "\r\nx-ms-error-code: "
            + code
            + "\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return runnable -> {
      Thread thread = new Thread(runnable, "fault-proxy-connection");
      thread.setDaemon(true);
      return thread;
    };
  }

  /** One HTTP/1.1 request or response, kept as the raw bytes that were read. */
  private record Message(byte[] bytes, String method, boolean closes) {

    /**
     * Reads a message; {@code null} at a clean end of stream before its first byte.
     *
     * @param requestMethod for a response, the method of its request (HEAD answers have no body)
     */
    static Message read(InputStream in, boolean isRequest, String requestMethod)
        throws IOException {
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      String startLine = line(in, raw);
      if (startLine == null) {
        return null;
      }
      long contentLength = -1;
      boolean chunked = false;
      boolean closes = false;
      String header;
      while ((header = line(in, raw)) != null && !header.isEmpty()) {
        int colon = header.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> contentLength = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          case "connection" -> closes = value.equalsIgnoreCase("close");
          default -> {}
        }
      }
      if (header == null) {
        throw new IOException("Connection closed inside the headers");
      }
      String method = isRequest ? startLine.substring(0, startLine.indexOf(' ')) : requestMethod;
      boolean bodyless = false;
      if (!isRequest) {
        int status = Integer.parseInt(startLine.split(" ")[1]);
        bodyless = "HEAD".equals(requestMethod) || status == 204 || status == 304 || status < 200;
      }
      if (!bodyless) {
        if (chunked) {
          copyChunks(in, raw);
        } else if (contentLength > 0) {
          copy(in, raw, contentLength);
        } else if (contentLength < 0 && !isRequest) {
          in.transferTo(raw);
          closes = true;
        }
      }
      return new Message(raw.toByteArray(), method, closes);
    }

    private static void copyChunks(InputStream in, ByteArrayOutputStream raw) throws IOException {
      while (true) {
        String sizeLine = line(in, raw);
        if (sizeLine == null) {
          throw new IOException("Connection closed inside a chunked body");
        }
        int semicolon = sizeLine.indexOf(';');
        long size =
            Long.parseLong(
                (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
        if (size == 0) {
          String trailer;
          while ((trailer = line(in, raw)) != null && !trailer.isEmpty()) {
            // Trailers pass through as they are.
          }
          return;
        }
        copy(in, raw, size);
        line(in, raw);
      }
    }

    private static void copy(InputStream in, ByteArrayOutputStream raw, long length)
        throws IOException {
      byte[] buffer = new byte[8192];
      long left = length;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException("Connection closed inside a body");
        }
        raw.write(buffer, 0, n);
        left -= n;
      }
    }

    /** Reads a CRLF-terminated line into {@code raw}; returns it without the CRLF. */
    private static String line(InputStream in, ByteArrayOutputStream raw) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      try {
        while ((b = in.read()) >= 0) {
          raw.write(b);
          if (b == '\n') {
            byte[] bytes = line.toByteArray();
            int end =
                bytes.length > 0 && bytes[bytes.length - 1] == '\r'
                    ? bytes.length - 1
                    : bytes.length;
            return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
          }
          line.write(b);
        }
      } catch (SocketException e) {
        if (line.size() == 0 && raw.size() == 0) {
          return null;
        }
        throw e;
      }
      if (line.size() == 0) {
        return null;
      }
      throw new IOException("Connection closed inside a line");
    }
  }
}
