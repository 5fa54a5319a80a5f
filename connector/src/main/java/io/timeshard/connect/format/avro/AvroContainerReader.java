package io.timeshard.connect.format.avro;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.BZip2Codec;
import org.apache.avro.file.Codec;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.file.DeflateCodec;
import org.apache.avro.file.XZCodec;
import org.apache.avro.file.ZstandardCodec;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.xerial.snappy.Snappy;

/**
 * Reads an Avro object container file block by block, as {@code DataFileStream} does, but leaves
 * the writer schema as the bytes the header holds: the caller looks them up in its cache, so an
 * object whose schema was seen before costs no parsing. Tells a complete file (its last block
 * followed by the header's sync marker, then the end) from a truncated one.
 */
final class AvroContainerReader implements Closeable {

  /** The header of a container file: its schema's JSON bytes, codec and sync marker. */
  record Header(ByteBuffer schemaJson, String codec, byte[] sync) {}

  private final InputStream in;
  private final BinaryDecoder decoder;
  private final Header header;
  private BinaryDecoder blockDecoder;
  private Codec codec;
  private long remainingInBlock;

  /**
   * Decoders that read ahead 2 KiB rather than Avro's default 8 KiB: enough for the header and a
   * one-record object, and a block's bytes larger than it are read into their own array anyway.
   */
  private static final DecoderFactory DECODERS =
      new DecoderFactory().configureDecoderBufferSize(2 * 1024);

  /** Reads the header; {@code in} is closed with this reader. */
  AvroContainerReader(InputStream in) throws IOException {
    this.in = in;
    this.decoder = DECODERS.binaryDecoder(in, null);
    this.header = readHeader(decoder);
  }

  Header header() {
    return header;
  }

  private static Header readHeader(BinaryDecoder decoder) throws IOException {
    byte[] magic = new byte[DataFileConstants.MAGIC.length];
    try {
      decoder.readFixed(magic);
    } catch (EOFException e) {
      throw new IOException("not a readable Avro object: shorter than a container header", e);
    }
    if (!Arrays.equals(magic, DataFileConstants.MAGIC)) {
      throw new IOException("not a readable Avro object: not an Avro object container file");
    }
    ByteBuffer schema = null;
    String codec = DataFileConstants.NULL_CODEC;
    try {
      for (long n = decoder.readMapStart(); n != 0; n = decoder.mapNext()) {
        for (long i = 0; i < n; i++) {
          String key = decoder.readString();
          ByteBuffer value = decoder.readBytes(null);
          if (DataFileConstants.SCHEMA.equals(key)) {
            schema = value;
          } else if (DataFileConstants.CODEC.equals(key)) {
            codec = StandardCharsets.UTF_8.decode(value).toString();
          }
        }
      }
      byte[] sync = new byte[DataFileConstants.SYNC_SIZE];
      decoder.readFixed(sync);
      if (schema == null) {
        throw new IOException("not a readable Avro object: its header holds no schema");
      }
      return new Header(schema, codec, sync);
    } catch (IOException | AvroRuntimeException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("not a readable")) {
        throw e;
      }
      throw new IOException("not a readable Avro object: " + e.getMessage(), e);
    }
  }

  /** Whether a datum follows; false at the end of a complete file. */
  boolean hasNext() throws IOException {
    try {
      while (remainingInBlock == 0) {
        if (decoder.isEnd()) {
          return false;
        }
        nextBlock();
      }
      return true;
    } catch (EOFException e) {
      throw new IOException(
          "truncated Avro object: it does not end with a complete block and sync marker", e);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new IOException("corrupt or truncated Avro object: " + e.getMessage(), e);
    }
  }

  /** The next datum, after {@link #hasNext} said there is one; {@code null} is a datum too. */
  Object next(DatumReader<Object> datumReader) throws IOException {
    try {
      Object datum = datumReader.read(null, blockDecoder);
      remainingInBlock--;
      return datum;
    } catch (EOFException e) {
      throw new IOException(
          "truncated Avro object: it does not end with a complete block and sync marker", e);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new IOException("corrupt or truncated Avro object: " + e.getMessage(), e);
    }
  }

  private void nextBlock() throws IOException {
    long count = decoder.readLong();
    long size = decoder.readLong();
    if (count < 0 || size < 0 || size > Integer.MAX_VALUE - 8) {
      throw new IOException("a block of " + count + " records in " + size + " bytes");
    }
    byte[] bytes = new byte[(int) size];
    decoder.readFixed(bytes);
    byte[] sync = new byte[DataFileConstants.SYNC_SIZE];
    decoder.readFixed(sync);
    if (!Arrays.equals(sync, header.sync())) {
      throw new IOException("a block is not followed by the header's sync marker");
    }
    if (codec == null) {
      codec = newCodec(header.codec());
    }
    ByteBuffer data = codec.decompress(ByteBuffer.wrap(bytes));
    if (!data.hasArray()) {
      byte[] copy = new byte[data.remaining()];
      data.get(copy);
      data = ByteBuffer.wrap(copy);
    }
    blockDecoder =
        DecoderFactory.get()
            .binaryDecoder(
                data.array(), data.arrayOffset() + data.position(), data.remaining(), blockDecoder);
    remainingInBlock = count;
  }

  /**
   * A decompressor for the codec a header names. The levels only matter when compressing. Avro's
   * own factory hides its instances, and its Snappy codec has no public constructor: Snappy is read
   * here as Avro writes it (the compressed bytes, then the CRC-32 of the uncompressed ones).
   */
  private static Codec newCodec(String name) throws IOException {
    return switch (name) {
      case DataFileConstants.NULL_CODEC -> new PassThrough();
      case DataFileConstants.DEFLATE_CODEC -> new DeflateCodec(Deflater.DEFAULT_COMPRESSION);
      case DataFileConstants.ZSTANDARD_CODEC -> new ZstandardCodec(3, false, false);
      case DataFileConstants.BZIP2_CODEC -> new BZip2Codec();
      case DataFileConstants.XZ_CODEC -> new XZCodec(6);
      case DataFileConstants.SNAPPY_CODEC -> new SnappyBlocks();
      default ->
          throw new IOException(
              "not a readable Avro object: the codec '" + name + "' is not one Avro knows");
    };
  }

  /** Blocks stored as they are. */
  private static final class PassThrough extends Codec {
    @Override
    public String getName() {
      return DataFileConstants.NULL_CODEC;
    }

    @Override
    public ByteBuffer compress(ByteBuffer uncompressed) {
      return uncompressed;
    }

    @Override
    public ByteBuffer decompress(ByteBuffer compressed) {
      return compressed;
    }

    @Override
    public int hashCode() {
      return 1;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof PassThrough;
    }
  }

  /** Snappy blocks as Avro writes them: compressed bytes, then a big-endian CRC-32. */
  private static final class SnappyBlocks extends Codec {
    private final CRC32 crc = new CRC32();

    @Override
    public String getName() {
      return DataFileConstants.SNAPPY_CODEC;
    }

    @Override
    public ByteBuffer compress(ByteBuffer uncompressed) {
      throw new UnsupportedOperationException("reading only");
    }

    @Override
    public ByteBuffer decompress(ByteBuffer in) throws IOException {
      if (in.remaining() < 4) {
        throw new IOException("a Snappy block shorter than its checksum");
      }
      byte[] bytes = in.array();
      int offset = in.arrayOffset() + in.position();
      int length = in.remaining() - 4;
      byte[] out = new byte[Snappy.uncompressedLength(bytes, offset, length)];
      int size = Snappy.uncompress(bytes, offset, length, out, 0);
      crc.reset();
      crc.update(out, 0, size);
      if (in.getInt(in.position() + length) != (int) crc.getValue()) {
        throw new IOException("a Snappy block whose checksum does not match");
      }
      return ByteBuffer.wrap(out, 0, size);
    }

    @Override
    public int hashCode() {
      return 2;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof SnappyBlocks;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
