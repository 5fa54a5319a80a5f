package io.timeshard.benchmarks;

import io.apicurio.registry.utils.converter.avro.AvroData;
import io.timeshard.quickstart.LocalFolderBackup;
import io.timeshard.quickstart.LocalKafkaConnect;
import io.timeshard.quickstart.RestoreRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Issue 23's memory check, run by hand: one Parquet object of more than 2 GiB with 128 MiB row
 * groups restores in a worker with a 512 MiB heap.
 *
 * <p>Writes one object as the sinks' {@code ParquetFormat} would with {@code parquet.codec=none}
 * and {@code parquet.block.size} of 128 MiB ({@code AvroData}, then parquet-avro's {@code
 * AvroParquetWriter}), of records holding an {@code id} and 4,096 random bytes (so no codec or
 * dictionary could shrink it), at {@code topics/big/partition=0/big+0+0000000000.parquet} of a
 * local folder; then restores it with the connector ({@code tasks.max=1}, {@code JsonConverter}) in
 * a {@link LocalKafkaConnect} of this JVM, whose broker and worker share its heap, checks that
 * every record arrived in order, reports the peak heap sampled meanwhile and deletes the folder.
 * Writing needs about 2.2 GB in the folder and the broker's log about 3 GB more (JSON holds the
 * bytes in base64) in the temporary folder.
 *
 * <p>Not part of the benchmark run. From the repository's root:
 *
 * <pre>
 * ./mvnw -B -pl benchmarks -am verify -DskipTests -Plarge-parquet
 * </pre>
 *
 * which runs {@code java -Xmx512m -classpath <the module's class path>
 * io.timeshard.benchmarks.LargeParquetObject benchmarks/target/large-parquet 540000}. The second
 * argument, {@code -Dlarge.parquet.records}, is the number of records (540,000 by default, 2.07
 * GiB; fewer make a smaller object, for a quick try).
 */
public final class LargeParquetObject {

  private static final String TOPIC = "big";
  private static final String DESTINATION = "big-restored";
  private static final int PAYLOAD_BYTES = 4096;
  private static final long ROW_GROUP_BYTES = 128L * 1024 * 1024;
  private static final int PAGE_BYTES = 1024 * 1024;
  private static final long TWO_GIB = 2L * 1024 * 1024 * 1024;
  private static final long DEFAULT_RECORDS = 540_000;
  private static final String KEY = "topics/big/partition=0/big+0+0000000000.parquet";

  static final Schema SCHEMA =
      SchemaBuilder.struct()
          .name("io.timeshard.benchmarks.BigRow")
          .field("id", Schema.INT64_SCHEMA)
          .field("payload", Schema.BYTES_SCHEMA)
          .build();

  private LargeParquetObject() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : "benchmarks/target/large-parquet");
    long records = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_RECORDS;
    LocalFolderBackup.deleteRecursively(root);
    Path file = root.resolve(KEY);
    Files.createDirectories(file.getParent());
    try {
      long started = System.nanoTime();
      write(file, records);
      long size = Files.size(file);
      log(
          "wrote %s: %,d bytes (%.2f GiB), %,d records in %.1f s",
          file, size, size / (double) (1L << 30), records, (System.nanoTime() - started) / 1e9);
      describeRowGroups(file);
      if (size < TWO_GIB && records >= DEFAULT_RECORDS) {
        throw new IllegalStateException("the object is smaller than 2 GiB: " + size + " bytes");
      }
      System.gc();
      restore(root, records, size);
    } finally {
      LocalFolderBackup.deleteRecursively(root);
      log("deleted %s", root);
    }
  }

  /** The sink's ParquetFormat path: AvroData's schema and values, AvroParquetWriter. */
  private static void write(Path file, long records) throws IOException {
    AvroData avroData = new AvroData(1000);
    SplittableRandom random = new SplittableRandom(23);
    try (ParquetWriter<Object> writer =
        AvroParquetWriter.<Object>builder(new LocalOutputFile(file))
            .withSchema(avroData.fromConnectSchema(SCHEMA))
            .withDataModel(GenericData.get())
            .withConf(new Configuration())
            .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
            .withDictionaryEncoding(true)
            .withRowGroupSize(ROW_GROUP_BYTES)
            .withPageSize(PAGE_BYTES)
            .build()) {
      for (long i = 0; i < records; i++) {
        byte[] payload = new byte[PAYLOAD_BYTES];
        random.nextBytes(payload);
        Struct value = new Struct(SCHEMA).put("id", i).put("payload", payload);
        GenericRecord datum = (GenericRecord) avroData.fromConnectData(SCHEMA, value);
        writer.write(datum);
        if ((i + 1) % 100_000 == 0) {
          log("written %,d records, %,d bytes so far", i + 1, writer.getDataSize());
        }
      }
    }
  }

  private static void describeRowGroups(Path file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      ParquetMetadata footer = reader.getFooter();
      long smallest = Long.MAX_VALUE;
      long largest = 0;
      long rows = 0;
      for (BlockMetaData block : footer.getBlocks()) {
        smallest = Math.min(smallest, block.getCompressedSize());
        largest = Math.max(largest, block.getCompressedSize());
        rows += block.getRowCount();
      }
      log(
          "%d row groups, %,d rows; row groups of %.1f to %.1f MiB",
          footer.getBlocks().size(), rows, smallest / 1048576.0, largest / 1048576.0);
    }
  }

  private static void restore(Path root, long records, long size) throws Exception {
    log("max heap %,d MiB", HeapSampler.maxHeap() >> 20);
    try (LocalKafkaConnect cluster = LocalKafkaConnect.start("large-parquet")) {
      Map<String, String> config = new HashMap<>();
      config.put("connector.class", "io.timeshard.connect.RestoreSourceConnector");
      config.put("tasks.max", "1");
      config.put("format.class", "io.confluent.connect.s3.format.parquet.ParquetFormat");
      config.put("mode", "RESTORE_BACKUP");
      config.put(
          "partitioner.class", "io.confluent.connect.storage.partitioner.DefaultPartitioner");
      config.put("restore.topics", TOPIC);
      config.put("store.url", root.toUri().toString());
      config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
      config.put("value.converter.schemas.enable", "false");
      config.put("transforms", "rename");
      config.put("transforms.rename.type", "org.apache.kafka.connect.transforms.RegexRouter");
      config.put("transforms.rename.regex", TOPIC);
      config.put("transforms.rename.replacement", DESTINATION);
      RestoreRun.Result result;
      long[] peakWhenRestored = new long[2];
      HeapSampler heap = new HeapSampler();
      try (heap) {
        result =
            new RestoreRun(cluster)
                .timeout(Duration.ofMinutes(60))
                .whenRestored(
                    () -> {
                      peakWhenRestored[0] = heap.peakSampled();
                      peakWhenRestored[1] = heap.peakAfterGc();
                    })
                .progress(
                    Duration.ofSeconds(15),
                    (elapsed, restored) ->
                        log(
                            "%,d records after %.0f s, heap peak so far %,d MiB",
                            restored.values().stream().mapToLong(Long::longValue).sum(),
                            elapsed,
                            heap.peakSampled() >> 20))
                .run(DESTINATION, config, DESTINATION, Map.of(0, records), p -> i -> i);
      }
      log(
          "restored %s records %s (expected {0=%d}), order %s, in %.1f s: %,.0f records/s, %.1f MB/s"
              + " of the object (%.1f MiB/s), JVM busy %.1f cores",
          String.format(Locale.ROOT, "%,d", result.total()),
          result.restored(),
          records,
          result.allInOrder() ? "kept" : "WRONG",
          result.seconds(),
          result.total() / result.seconds(),
          size / 1e6 / result.seconds(),
          size / 1048576.0 / result.seconds(),
          result.coresBusy());
      log(
          "heap until the last record was in the topic: peak %,d MiB sampled, %,d MiB at most after"
              + " a GC",
          peakWhenRestored[0] >> 20, peakWhenRestored[1] >> 20);
      log(
          "heap while restoring and checking: peak %,d MiB sampled every 20 ms, %,d MiB at most"
              + " after a GC, %,d MiB the pools' peaks summed, %,d collections; max %,d MiB",
          heap.peakSampled() >> 20,
          heap.peakAfterGc() >> 20,
          heap.peakOfPools() >> 20,
          heap.collections(),
          HeapSampler.maxHeap() >> 20);
      if (result.total() != records || !result.allInOrder()) {
        throw new IllegalStateException("the restore is incomplete or out of order");
      }
    }
  }

  private static void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, "[large-parquet] " + format + "%n", args);
    System.out.flush();
  }
}
