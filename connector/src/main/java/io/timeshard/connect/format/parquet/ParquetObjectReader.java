package io.timeshard.connect.format.parquet;

import io.timeshard.connect.format.ObjectBytes;
import io.timeshard.connect.format.RecordReader;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * Reads one Parquet object row group by row group. The footer comes first (with the object's tail,
 * see {@link RangedInputFile}); then each row group's column chunks are read in ranges when the
 * reader gets to it, and let go when it is done: the reader holds one row group's compressed column
 * chunks at a time, and the page of each column it is decoding, never the object.
 *
 * <p>{@link #skip} passes over whole row groups by the row counts the footer gives, unread.
 */
final class ParquetObjectReader implements RecordReader {

  /** The largest buffer one read of a column chunk fills. */
  private static final int MAX_ALLOCATION = 8 * 1024 * 1024;

  private final ObjectBytes object;
  private final ParquetRecordFormat format;
  private final ParquetFileReader file;
  private final List<BlockMetaData> rowGroups;
  private final ParquetRecordFormat.Schemas schemas;
  private final MessageColumnIO columnIo;
  private final RecordMaterializer<GenericRecord> materializer;
  private final long heldBytes;

  /** The next row group to load. */
  private int nextGroup;

  private org.apache.parquet.io.RecordReader<GenericRecord> rows;
  private long rowsLeft;

  ParquetObjectReader(ObjectBytes object, ParquetRecordFormat format) throws IOException {
    this.object = object;
    this.format = format;
    PlainParquetConfiguration conf = new PlainParquetConfiguration();
    RangedInputFile input = new RangedInputFile(object);
    ParquetFileReader opened;
    try {
      opened =
          new ParquetFileReader(
              input, HadoopFreeReadOptions.of(conf, ParquetCodecs.INSTANCE, MAX_ALLOCATION));
    } catch (RuntimeException e) {
      throw new IOException("not a readable Parquet object: " + e.getMessage(), e);
    }
    this.file = opened;
    try {
      this.rowGroups = file.getRowGroups();
      long largest = 0;
      for (BlockMetaData group : rowGroups) {
        largest = Math.max(largest, group.getCompressedSize());
        for (ColumnChunkMetaData column : group.getColumns()) {
          if (!ParquetCodecs.readable(column.getCodec())) {
            throw new IOException(
                "cannot read '"
                    + object.key()
                    + "' (column '"
                    + column.getPath().toDotString()
                    + "'): "
                    + ParquetCodecs.unreadable(column.getCodec()).getMessage());
          }
        }
      }
      this.heldBytes = largest + Math.min(input.getLength(), RangedInputFile.TAIL_BYTES);
      FileMetaData metadata = file.getFooter().getFileMetaData();
      MessageType fileSchema = metadata.getSchema();
      Map<String, String> keyValues = metadata.getKeyValueMetaData();
      this.schemas = format.schemasOf(keyValues, fileSchema);
      AvroReadSupport<GenericRecord> support = new AvroReadSupport<>(format.genericData());
      // Every column, as written: what AvroReadSupport's init would ask for without a projection.
      ReadSupport.ReadContext context = new ReadSupport.ReadContext(fileSchema, Map.of());
      this.materializer = support.prepareForRead(conf, keyValues, fileSchema, context);
      this.columnIo =
          new ColumnIOFactory(metadata.getCreatedBy())
              .getColumnIO(context.getRequestedSchema(), fileSchema, true);
    } catch (IOException | RuntimeException e) {
      try {
        file.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      if (e instanceof RuntimeException) {
        throw new IOException("not a readable Parquet object: " + e.getMessage(), e);
      }
      throw e;
    }
  }

  /** Loads the next row group; false after the last. */
  private boolean nextRowGroup() throws IOException {
    rows = null;
    while (nextGroup < rowGroups.size()) {
      PageReadStore pages;
      try {
        pages = file.readNextRowGroup();
      } catch (ParquetDecodingException e) {
        throw new IOException("a row group of this Parquet object does not decode: " + e, e);
      }
      nextGroup++;
      if (pages == null) {
        throw new IOException(
            "the Parquet object ends before its row group "
                + nextGroup
                + " of "
                + rowGroups.size());
      }
      if (pages.getRowCount() > 0) {
        rows = columnIo.getRecordReader(pages, materializer, FilterCompat.NOOP);
        rowsLeft = pages.getRowCount();
        return true;
      }
    }
    return false;
  }

  @Override
  public SchemaAndValue next() throws IOException {
    if (rowsLeft == 0 && !nextRowGroup()) {
      return null;
    }
    GenericRecord datum;
    try {
      datum = rows.read();
    } catch (RuntimeException e) {
      throw new IOException("a record of this Parquet object does not decode: " + e, e);
    }
    rowsLeft--;
    if (rowsLeft == 0) {
      rows = null;
    }
    SchemaAndValue converted = format.avroData().toConnectData(schemas.avroSchema(), datum);
    return converted != null ? converted : new SchemaAndValue(schemas.connectSchema(), null);
  }

  @Override
  public long skip(long records) throws IOException {
    long skipped = 0;
    // Whole row groups first, by their row counts: nothing of them is read.
    while (rowsLeft == 0
        && nextGroup < rowGroups.size()
        && rowGroups.get(nextGroup).getRowCount() <= records - skipped) {
      if (!file.skipNextRowGroup()) {
        break;
      }
      skipped += rowGroups.get(nextGroup).getRowCount();
      nextGroup++;
    }
    while (skipped < records) {
      if (rowsLeft == 0 && !nextRowGroup()) {
        break;
      }
      try {
        rows.read();
      } catch (RuntimeException e) {
        throw new IOException("a record of this Parquet object does not decode: " + e, e);
      }
      rowsLeft--;
      skipped++;
    }
    return skipped;
  }

  /** How many row groups the object has: for tests. */
  int rowGroupCount() {
    return rowGroups.size();
  }

  /** The row group index the reader will load next: for tests. */
  int nextRowGroupIndex() {
    return nextGroup;
  }

  @Override
  public long heldBytes() {
    return heldBytes;
  }

  @Override
  public void close() throws IOException {
    rows = null;
    file.close();
  }

  @Override
  public String toString() {
    return "Parquet reader of '" + object.key() + "'";
  }
}
