package io.timeshard.cli.plan;

import io.timeshard.connect.restore.ObjectDecoder;
import io.timeshard.connect.restore.ObjectRecordStream;
import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.split.StreamWeight;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Times a few whole reads against the store: each object opened, streamed and decoded with its
 * companions, one after the other, as a task's fetch thread reads it.
 *
 * @param objects objects read
 * @param bytes their sizes added up
 * @param records the records they held
 * @param seconds the time the reads took, one after the other
 * @param cost their {@link StreamWeight} cost: bytes plus {@link StreamWeight#OBJECT_COST_BYTES}
 *     per object, the weight the task splitter balances
 */
public record ReadSample(long objects, long bytes, long records, double seconds, long cost) {

  public static final ReadSample NONE = new ReadSample(0, 0, 0, 0, 0);

  /** Reads up to {@code count} objects spread evenly over the plan's streams, in plan order. */
  public static ReadSample take(List<PartitionStream> streams, ObjectDecoder decoder, int count) {
    List<BackupObject> all = new ArrayList<>();
    streams.forEach(stream -> all.addAll(stream.objects()));
    if (all.isEmpty() || count <= 0) {
      return NONE;
    }
    int n = Math.min(count, all.size());
    long bytes = 0;
    long records = 0;
    long started = System.nanoTime();
    for (int i = 0; i < n; i++) {
      BackupObject object = all.get((int) ((long) i * all.size() / n));
      bytes += object.size();
      records += read(decoder, object);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new ReadSample(n, bytes, records, seconds, bytes + n * StreamWeight.OBJECT_COST_BYTES);
  }

  private static long read(ObjectDecoder decoder, BackupObject object) {
    long records = 0;
    try (ObjectRecordStream stream = decoder.open(object)) {
      while (stream.next() != null) {
        records++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read '" + object.objectKey() + "' from " + decoder.store().describe(), e);
    }
    return records;
  }

  /** Seconds one fetch thread takes per unit of splitter cost. */
  public double secondsPerCost() {
    return cost == 0 ? 0 : seconds / cost;
  }

  /** Records per byte of object, to estimate how many records the plan holds. */
  public double recordsPerByte() {
    return bytes == 0 ? 0 : (double) records / bytes;
  }
}
