package io.timeshard.connect.restore;

import io.timeshard.connect.format.RecordReader;
import java.io.Closeable;
import java.io.IOException;
import java.util.function.Function;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.Headers;

/**
 * The records of one value object, read in step with its {@code .keys} and {@code .headers}
 * companions, which hold one record per value record in the same order. Looks one record ahead so
 * that it can tell the last one. A tombstone object has no values: its keys lead, and every record
 * has a null value.
 */
public final class ObjectRecordStream implements Closeable {

  private final String objectKey;
  private final RecordReader values;
  private final RecordReader keys;
  private final RecordReader headers;
  private final Function<SchemaAndValue, SchemaAndValue> keyDecoder;
  private final Function<SchemaAndValue, Headers> headerDecoder;

  /** The values, or the keys of a tombstone object: one record of it per record restored. */
  private final RecordReader leading;

  private SchemaAndValue nextValue;
  private IOException failureAhead;
  private boolean started;
  private long index;

  ObjectRecordStream(
      String objectKey,
      RecordReader values,
      RecordReader keys,
      RecordReader headers,
      Function<SchemaAndValue, SchemaAndValue> keyDecoder,
      Function<SchemaAndValue, Headers> headerDecoder) {
    this.objectKey = objectKey;
    this.values = values;
    this.keys = keys;
    this.headers = headers;
    this.keyDecoder = keyDecoder;
    this.headerDecoder = headerDecoder;
    this.leading = values != null ? values : keys;
  }

  /**
   * Passes over the first {@code records} records of the object and its companions, before the
   * first call to {@link #next}: the next record has index {@code records}.
   */
  void skip(long records) throws IOException {
    if (started) {
      throw new IllegalStateException("records are skipped before the first is read");
    }
    long skipped = leading.skip(records);
    if (values != null && keys != null && keys.skip(skipped) != skipped) {
      throw shorter("keys");
    }
    if (headers != null && headers.skip(skipped) != skipped) {
      throw shorter("headers");
    }
    index = skipped;
  }

  /**
   * The heap the readers of this object hold besides the records they hand out (a Parquet row
   * group, say): what the read-ahead counts against its memory cap while the object is read.
   */
  public long heldBytes() {
    long held = 0;
    for (RecordReader reader : new RecordReader[] {values, keys, headers}) {
      if (reader != null) {
        held += reader.heldBytes();
      }
    }
    return held;
  }

  /** The next record, or {@code null} after the last. */
  public BackupRecord next() throws IOException {
    if (failureAhead != null) {
      throw failureAhead;
    }
    if (!started) {
      nextValue = leading.next();
      started = true;
    }
    SchemaAndValue current = nextValue;
    if (current == null) {
      return null;
    }
    // A record that cannot be read ahead fails the next call: this one is still good.
    try {
      nextValue = leading.next();
    } catch (IOException | RuntimeException e) {
      nextValue = null;
      failureAhead = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
    SchemaAndValue value;
    SchemaAndValue key;
    if (values == null) {
      value = null;
      key = keyDecoder.apply(current);
    } else {
      value = current;
      key = keys == null ? null : keyDecoder.apply(companion(keys, "keys"));
    }
    Headers recordHeaders =
        headers == null ? null : headerDecoder.apply(companion(headers, "headers"));
    boolean last = nextValue == null && failureAhead == null;
    long bytes = RecordSizes.of(key, value, recordHeaders);
    return new BackupRecord(key, value, recordHeaders, index++, last, bytes);
  }

  private SchemaAndValue companion(RecordReader reader, String kind) throws IOException {
    SchemaAndValue record = reader.next();
    if (record == null) {
      throw shorter(kind);
    }
    return record;
  }

  private IOException shorter(String kind) {
    return new IOException(
        "the ."
            + kind
            + " object of '"
            + objectKey
            + "' holds fewer records than the "
            + (values == null ? "keys" : "values"));
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (RecordReader reader : new RecordReader[] {values, keys, headers}) {
      if (reader == null) {
        continue;
      }
      try {
        reader.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
