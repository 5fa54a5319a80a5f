package io.timeshard.partitioner.key;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Maps file-name suffixes to formats. Longer suffixes are tried first, so {@code .json.gz} wins
 * over {@code .gz} and {@code .snappy.parquet} over {@code .parquet}.
 *
 * <p>Parquet objects end in the extension of their {@code parquet.codec} as parquet-java names it,
 * then {@code .parquet}: {@code .snappy}, {@code .gz}, {@code .zstd}, {@code .lz4hadoop} (older
 * Parquet versions: {@code .lz4}), {@code .lz4raw}, {@code .lzo}, {@code .br}, none for none. The
 * codec itself is read from the file; the extension only tells the object apart.
 */
public final class ExtensionTable {

  /** A recognised extension. */
  public record Extension(String suffix, BackupFormat format, Compression compression) {}

  public static final String DEFAULT_BYTES_EXTENSION = ".bin";

  private final List<Extension> bySuffixLengthDesc;

  private ExtensionTable(List<Extension> extensions) {
    List<Extension> sorted = new ArrayList<>(extensions);
    sorted.sort(Comparator.comparingInt((Extension e) -> e.suffix().length()).reversed());
    this.bySuffixLengthDesc = List.copyOf(sorted);
  }

  /** The sinks' extensions, with the byte-array format's own extension as configured. */
  public static ExtensionTable withBytesExtension(String bytesExtension) {
    String bytes =
        bytesExtension == null || bytesExtension.isEmpty()
            ? DEFAULT_BYTES_EXTENSION
            : bytesExtension;
    return new ExtensionTable(
        List.of(
            new Extension(".avro", BackupFormat.AVRO, Compression.NONE),
            new Extension(".json", BackupFormat.JSON, Compression.NONE),
            new Extension(".json.gz", BackupFormat.JSON, Compression.GZIP),
            new Extension(bytes, BackupFormat.BYTES, Compression.NONE),
            new Extension(bytes + ".gz", BackupFormat.BYTES, Compression.GZIP),
            new Extension(".parquet", BackupFormat.PARQUET, Compression.NONE),
            new Extension(".snappy.parquet", BackupFormat.PARQUET, Compression.NONE),
            new Extension(".gz.parquet", BackupFormat.PARQUET, Compression.NONE),
            new Extension(".zstd.parquet", BackupFormat.PARQUET, Compression.NONE),
            new Extension(".lz4.parquet", BackupFormat.PARQUET, Compression.NONE),
            new Extension(".lz4hadoop.parquet", BackupFormat.PARQUET, Compression.NONE),
            new Extension(".lz4raw.parquet", BackupFormat.PARQUET, Compression.NONE),
            new Extension(".lzo.parquet", BackupFormat.PARQUET, Compression.NONE),
            new Extension(".br.parquet", BackupFormat.PARQUET, Compression.NONE)));
  }

  public static ExtensionTable standard() {
    return withBytesExtension(DEFAULT_BYTES_EXTENSION);
  }

  /**
   * The extension that ends {@code key} within its last {@code within} characters, as {@link
   * #match} finds it in that tail; null when none does. Allocates nothing.
   */
  Extension matchEnd(String key, int within) {
    for (Extension e : bySuffixLengthDesc) {
      if (e.suffix().length() <= within && key.endsWith(e.suffix())) {
        return e;
      }
    }
    return null;
  }

  /** The extension that ends {@code name}, if any. */
  public Optional<Extension> match(String name) {
    for (Extension e : bySuffixLengthDesc) {
      if (name.endsWith(e.suffix())) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
