package io.timeshard.cli.verify;

import io.timeshard.connect.restore.BackupRecord;
import io.timeshard.connect.restore.ObjectDecoder;
import io.timeshard.connect.restore.ObjectRecordStream;
import io.timeshard.connect.restore.RecordConverter;
import io.timeshard.connect.restore.RestorePosition;
import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.PartitionStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The records a task would hand Connect for one partition stream: its objects read in restore order
 * with the connector's decoder, through the connector's {@link RecordConverter} (which drops
 * records outside the window when {@code restore.timestamp.field} is set), then converted as the
 * worker converts them. One object is open at a time.
 */
final class BackupRecords implements Iterator<ComparedRecord>, AutoCloseable {

  private final PartitionStream stream;
  private final String destination;
  private final ObjectDecoder decoder;
  private final RecordConverter converter;
  private final boolean failOnError;
  private final Converters.Data keys;
  private final Converters.Data values;
  private final Converters.Header headers;
  private final boolean timestamps;
  private final Map<String, Object> sourcePartition;

  private int nextObject;
  private BackupObject current;
  private ObjectRecordStream open;
  private ComparedRecord next;
  private final List<String> skipped = new ArrayList<>();

  BackupRecords(
      PartitionStream stream,
      String destination,
      ObjectDecoder decoder,
      RecordConverter converter,
      boolean failOnError,
      Converters.Data keys,
      Converters.Data values,
      Converters.Header headers,
      boolean timestamps) {
    this.stream = stream;
    this.destination = destination;
    this.decoder = decoder;
    this.converter = converter;
    this.failOnError = failOnError;
    this.keys = keys;
    this.values = values;
    this.headers = headers;
    this.timestamps = timestamps;
    this.sourcePartition = RestorePosition.sourcePartition(stream.topicPartition());
  }

  /** Objects whose rest was skipped as behavior.on.error=ignore skips it. */
  List<String> skipped() {
    return skipped;
  }

  @Override
  public boolean hasNext() {
    while (next == null) {
      BackupRecord record = nextBackupRecord();
      if (record == null) {
        return false;
      }
      TopicPartition tp = stream.topicPartition();
      Optional<SourceRecord> converted = converter.convert(tp, sourcePartition, current, record);
      if (converted.isPresent()) {
        next = compared(converted.get(), current, record.index());
      }
    }
    return true;
  }

  @Override
  public ComparedRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ComparedRecord record = next;
    next = null;
    return record;
  }

  private BackupRecord nextBackupRecord() {
    while (true) {
      if (open == null) {
        if (nextObject >= stream.objects().size()) {
          return null;
        }
        current = stream.objects().get(nextObject++);
        try {
          open = decoder.open(current);
        } catch (IOException e) {
          unreadable(e);
          continue;
        }
      }
      try {
        BackupRecord record = open.next();
        if (record != null) {
          return record;
        }
        closeCurrent();
      } catch (IOException e) {
        unreadable(e);
      }
    }
  }

  private void unreadable(IOException e) {
    closeCurrent();
    if (failOnError) {
      throw new UncheckedIOException(
          "Cannot read backup object '"
              + current.objectKey()
              + "' from "
              + decoder.store().describe()
              + ": "
              + e.getMessage()
              + " (the connector fails here too, with behavior.on.error=fail)",
          e);
    }
    skipped.add(current.objectKey());
  }

  private void closeCurrent() {
    if (open != null) {
      try {
        open.close();
      } catch (IOException ignored) {
        // Reading is over; a failure to close loses nothing.
      }
      open = null;
    }
  }

  private ComparedRecord compared(SourceRecord record, BackupObject object, long index) {
    Object key =
        keys.conversion().isEmpty()
            ? null
            : keys.conversion().get().convert(destination, record.keySchema(), record.key());
    Object value =
        values.conversion().isEmpty()
            ? null
            : values.conversion().get().convert(destination, record.valueSchema(), record.value());
    List<ComparedRecord.HeaderBytes> headerBytes = new ArrayList<>();
    if (headers.conversion().isPresent() && record.headers() != null) {
      for (Header header : record.headers()) {
        byte[] bytes =
            headers
                .conversion()
                .get()
                .convert(destination, header.key(), header.schema(), header.value());
        headerBytes.add(
            new ComparedRecord.HeaderBytes(
                header.key(), bytes == null ? null : ByteBuffer.wrap(bytes)));
      }
    }
    return new ComparedRecord(
        key,
        value,
        headerBytes,
        timestamps ? record.timestamp() : null,
        "record " + index + " of " + object.objectKey());
  }

  @Override
  public void close() {
    closeCurrent();
  }
}
