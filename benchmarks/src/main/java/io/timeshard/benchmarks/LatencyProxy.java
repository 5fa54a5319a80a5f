package io.timeshard.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 reverse proxy on 127.0.0.1 that holds every request for a fixed time before passing
 * it to the server behind it, as the round trip to a cloud region would. Bytes pass through
 * unchanged (request signatures stay valid); each client connection gets its own connection
 * upstream.
 */
public final class LatencyProxy implements AutoCloseable {

  private final int upstreamPort;
  private final long latencyMs;
  private final ServerSocket server;
  private final ExecutorService connections;
  private final AtomicLong requests = new AtomicLong();

  /**
   * Every socket open, both sides: a thread blocked reading one wakes only when it closes, and a
   * client's pool keeps idle connections open for a minute, each thread holding its buffers.
   */
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

  private volatile boolean closed;

  private LatencyProxy(int upstreamPort, long latencyMs) throws IOException {
    this.upstreamPort = upstreamPort;
    this.latencyMs = latencyMs;
    this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    this.connections =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "latency-proxy-connection");
              thread.setDaemon(true);
              return thread;
            });
    Thread acceptor = new Thread(this::accept, "latency-proxy-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * A proxy in front of {@code 127.0.0.1:upstreamPort} adding {@code latencyMs} to each request.
   */
  public static LatencyProxy start(int upstreamPort, long latencyMs) throws IOException {
    return new LatencyProxy(upstreamPort, latencyMs);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Requests passed on so far. */
  public long requests() {
    return requests.get();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        connections.execute(() -> serve(client));
      } catch (IOException e) {
        if (!closed) {
          throw new IllegalStateException("The latency proxy stopped accepting", e);
        }
      }
    }
  }

  private void serve(Socket client) {
    Socket upstream = new Socket();
    sockets.add(client);
    sockets.add(upstream);
    try (client;
        upstream) {
      if (closed) {
        return;
      }
      client.setTcpNoDelay(true);
      upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 5000);
      upstream.setTcpNoDelay(true);
      InputStream fromClient = new BufferedInputStream(client.getInputStream(), 65536);
      OutputStream toClient = new BufferedOutputStream(client.getOutputStream(), 65536);
      InputStream fromUpstream = new BufferedInputStream(upstream.getInputStream(), 65536);
      OutputStream toUpstream = upstream.getOutputStream();
      while (!closed) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        Head head = Head.read(fromClient, request);
        if (head == null) {
          return;
        }
        head.copyBody(fromClient, request, true, null);
        requests.incrementAndGet();
        Thread.sleep(latencyMs);
        request.writeTo(toUpstream);
        toUpstream.flush();
        Head response = Head.read(fromUpstream, toClient);
        if (response == null) {
          return;
        }
        boolean untilClose = response.copyBody(fromUpstream, toClient, false, head.method);
        toClient.flush();
        if (untilClose || head.closes || response.closes) {
          return;
        }
      }
    } catch (IOException e) {
      // A side that went away ends the connection, as with a real proxy.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      sockets.remove(client);
      sockets.remove(upstream);
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
    for (Socket socket : sockets) {
      try {
        socket.close();
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

  /** The start line and headers of one message, copied to {@code out} as they are read. */
  private static final class Head {
    String method;
    int status;
    long contentLength = -1;
    boolean chunked;
    boolean closes;

    static Head read(InputStream in, OutputStream out) throws IOException {
      String start = line(in, out);
      if (start == null) {
        return null;
      }
      Head head = new Head();
      String[] parts = start.split(" ", 3);
      if (start.startsWith("HTTP/")) {
        head.status = Integer.parseInt(parts[1]);
      } else {
        head.method = parts[0];
      }
      String header;
      while ((header = line(in, out)) != null && !header.isEmpty()) {
        int colon = header.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> head.contentLength = Long.parseLong(value);
          case "transfer-encoding" ->
              head.chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          case "connection" -> head.closes = value.equalsIgnoreCase("close");
          default -> {}
        }
      }
      if (header == null) {
        throw new IOException("connection closed inside the headers");
      }
      return head;
    }

    /**
     * Copies the body; returns true when it runs until the connection closes.
     *
     * @param requestMethod for a response, its request's method (HEAD answers have no body)
     */
    boolean copyBody(InputStream in, OutputStream out, boolean isRequest, String requestMethod)
        throws IOException {
      boolean bodyless =
          !isRequest
              && ("HEAD".equals(requestMethod) || status == 204 || status == 304 || status < 200);
      if (bodyless) {
        return false;
      }
      if (chunked) {
        while (true) {
          String size = line(in, out);
          if (size == null) {
            throw new IOException("connection closed inside a chunked body");
          }
          int semicolon = size.indexOf(';');
          long length =
              Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
          if (length == 0) {
            String trailer;
            while ((trailer = line(in, out)) != null && !trailer.isEmpty()) {
              // Trailers pass through.
            }
            return false;
          }
          copy(in, out, length);
          line(in, out);
        }
      }
      if (contentLength >= 0) {
        copy(in, out, contentLength);
        return false;
      }
      if (isRequest) {
        return false;
      }
      in.transferTo(out);
      return true;
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
      byte[] buffer = new byte[65536];
      long left = length;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException("connection closed inside a body");
        }
        out.write(buffer, 0, n);
        left -= n;
      }
    }

    /** One CRLF-terminated line, copied to {@code out}; {@code null} at the end of the stream. */
    private static String line(InputStream in, OutputStream out) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream(128);
      int b;
      while ((b = in.read()) >= 0) {
        out.write(b);
        if (b == '\n') {
          // Without the line's CR LF.
          return line.toString(StandardCharsets.ISO_8859_1).strip();
        }
        line.write(b);
      }
      if (line.size() == 0) {
        return null;
      }
      throw new IOException("connection closed inside a line");
    }
  }
}
