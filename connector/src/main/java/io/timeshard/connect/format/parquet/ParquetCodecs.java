package io.timeshard.connect.format.parquet;

import com.github.luben.zstd.Zstd;
import io.airlift.compress.lz4.Lz4Decompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * The page codecs of the sinks' {@code parquet.codec}, read without Hadoop: none, snappy
 * (snappy-java), gzip (the JDK's), zstd (zstd-jni), lz4 as Hadoop's {@code Lz4Codec} frames it and
 * lz4_raw (aircompressor's pure-Java LZ4). LZO and Brotli have no pure-Java reader here: a file
 * that uses them is refused by {@link #check} before any page is read.
 *
 * <p>Only decompresses; stateless, so one instance serves every thread.
 */
final class ParquetCodecs implements CompressionCodecFactory {

  static final Set<CompressionCodecName> READABLE =
      EnumSet.of(
          CompressionCodecName.UNCOMPRESSED,
          CompressionCodecName.SNAPPY,
          CompressionCodecName.GZIP,
          CompressionCodecName.ZSTD,
          CompressionCodecName.LZ4,
          CompressionCodecName.LZ4_RAW);

  static final ParquetCodecs INSTANCE = new ParquetCodecs();

  private ParquetCodecs() {}

  /** The {@code parquet.codec} name the sinks' configuration uses for a codec. */
  static String sinkName(CompressionCodecName codec) {
    return codec == CompressionCodecName.UNCOMPRESSED
        ? "none"
        : codec.name().toLowerCase(Locale.ROOT);
  }

  /** Whether pages of this codec can be read. */
  static boolean readable(CompressionCodecName codec) {
    return READABLE.contains(codec);
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return new Decompressor(codec);
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    throw new UnsupportedOperationException("Timeshard reads Parquet; it never writes it");
  }

  @Override
  public void release() {}

  private static final class Decompressor implements BytesInputDecompressor {
    private final CompressionCodecName codec;

    Decompressor(CompressionCodecName codec) {
      this.codec = codec;
    }

    @Override
    public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
      if (codec == CompressionCodecName.UNCOMPRESSED) {
        return bytes;
      }
      byte[] in = new byte[Math.toIntExact(bytes.size())];
      try (InputStream stream = bytes.toInputStream()) {
        if (stream.readNBytes(in, 0, in.length) != in.length) {
          throw new IOException("a page shorter than its header says");
        }
      }
      return BytesInput.from(decompress(in, in.length, uncompressedSize));
    }

    @Override
    public void decompress(
        ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
        throws IOException {
      byte[] in = new byte[compressedSize];
      input.duplicate().get(in);
      output.put(decompress(in, compressedSize, uncompressedSize));
    }

    private byte[] decompress(byte[] in, int length, int size) throws IOException {
      byte[] out = new byte[size];
      int produced =
          switch (codec) {
            case UNCOMPRESSED -> {
              System.arraycopy(in, 0, out, 0, Math.min(length, size));
              yield Math.min(length, size);
            }
            case SNAPPY -> Snappy.uncompress(in, 0, length, out, 0);
            case GZIP -> gunzip(in, length, out);
            case ZSTD -> zstd(in, length, out);
            case LZ4 -> lz4Hadoop(in, length, out);
            case LZ4_RAW -> lz4(in, 0, length, out, 0);
            default -> throw unreadable(codec);
          };
      if (produced != size) {
        throw new IOException(
            "a "
                + sinkName(codec)
                + " page holds "
                + produced
                + " bytes where its header says "
                + size);
      }
      return out;
    }

    private static int gunzip(byte[] in, int length, byte[] out) throws IOException {
      try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(in, 0, length))) {
        return gzip.readNBytes(out, 0, out.length);
      }
    }

    private static int zstd(byte[] in, int length, byte[] out) throws IOException {
      long size = Zstd.decompressByteArray(out, 0, out.length, in, 0, length);
      if (Zstd.isError(size)) {
        throw new IOException("a zstd page does not decompress: " + Zstd.getErrorName(size));
      }
      return (int) size;
    }

    /**
     * LZ4 as Hadoop's {@code Lz4Codec} writes it: blocks, each its uncompressed length (4 bytes,
     * big-endian) then chunks of compressed length (4 bytes) and LZ4 block bytes.
     */
    private static int lz4Hadoop(byte[] in, int length, byte[] out) throws IOException {
      ByteBuffer frames = ByteBuffer.wrap(in, 0, length);
      int produced = 0;
      while (frames.remaining() >= 4) {
        int blockEnd = produced + frames.getInt();
        if (blockEnd > out.length || blockEnd < produced) {
          throw new IOException("an lz4 page whose blocks are longer than the page");
        }
        while (produced < blockEnd) {
          if (frames.remaining() < 4) {
            throw new IOException("a truncated lz4 page");
          }
          int chunk = frames.getInt();
          if (chunk < 0 || chunk > frames.remaining()) {
            throw new IOException("a truncated lz4 page");
          }
          produced += lz4(in, frames.position(), chunk, out, produced);
          frames.position(frames.position() + chunk);
        }
      }
      return produced;
    }

    private static int lz4(byte[] in, int offset, int length, byte[] out, int outOffset)
        throws IOException {
      try {
        return new Lz4Decompressor()
            .decompress(in, offset, length, out, outOffset, out.length - outOffset);
      } catch (RuntimeException e) {
        throw new IOException("an lz4 page does not decompress: " + e.getMessage(), e);
      }
    }

    @Override
    public void release() {}
  }

  static IOException unreadable(CompressionCodecName codec) {
    return new IOException(
        "its pages are compressed with the Parquet codec "
            + sinkName(codec)
            + ", which Timeshard cannot read: it has no pure-Java reader. Timeshard reads the"
            + " codecs none, snappy, gzip, zstd, lz4 and lz4_raw");
  }
}
