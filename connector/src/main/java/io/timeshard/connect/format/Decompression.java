package io.timeshard.connect.format;

import io.timeshard.partitioner.key.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Undoes the whole-object compression an extension announces ({@code .json.gz}, {@code .bin.gz}).
 */
public final class Decompression {

  private static final int GZIP_BUFFER = 64 * 1024;

  private Decompression() {}

  /**
   * The object's content, streamed. Closing the result closes {@code in}.
   *
   * @throws IOException when the gzip header is missing or damaged
   */
  public static InputStream of(InputStream in, Compression compression) throws IOException {
    return switch (compression) {
      case NONE -> in;
      case GZIP -> {
        try {
          yield new GZIPInputStream(in, GZIP_BUFFER);
        } catch (IOException e) {
          in.close();
          throw e;
        }
      }
    };
  }
}
