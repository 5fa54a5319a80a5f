package org.apache.parquet;

import java.util.HashMap;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * Read options that never touch Hadoop. parquet-java's {@link ParquetReadOptions.Builder} makes a
 * Hadoop codec factory in its constructor, before {@code withCodecFactory} can replace it, and that
 * loads Hadoop's classes; the options' own constructor, which takes the codec factory, is
 * package-private. This class sits in Parquet's package only to call it: the Timeshard plugin
 * carries no Hadoop, and reads Parquet through {@code io.timeshard.connect.format.parquet}.
 */
public final class HadoopFreeReadOptions {

  private HadoopFreeReadOptions() {}

  /**
   * Options for reading every record of a file: no filters, signed string statistics (unused), no
   * page checksums, heap buffers of at most {@code maxAllocationSize} bytes each.
   */
  public static ParquetReadOptions of(
      ParquetConfiguration conf, CompressionCodecFactory codecs, int maxAllocationSize) {
    return new ParquetReadOptions(
        false,
        false,
        false,
        false,
        false,
        false,
        false,
        false,
        false,
        FilterCompat.NOOP,
        ParquetMetadataConverter.NO_FILTER,
        codecs,
        new HeapByteBufferAllocator(),
        maxAllocationSize,
        new HashMap<>(),
        null,
        null,
        conf);
  }
}
