package io.timeshard.benchmarks;

import io.timeshard.benchmarks.Benchmarks.Bench;
import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.ObjectStores;
import io.timeshard.fixtures.BackupRecord;
import io.timeshard.fixtures.BackupWriter;
import io.timeshard.fixtures.SinkFormat;
import io.timeshard.quickstart.LocalFolderBackup;
import io.timeshard.quickstart.RestoreRun;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Scenario B, large objects: records of about 200 bytes in a few large Avro objects, default
 * layout, 4 partitions, restored with tasks.max=4 from a local folder; next to it the machine's
 * limits (a plain producer sending the same records to the same broker, one converting each value
 * with the same converter as it sends, a source connector handing out prepared records through the
 * same worker, converter and producer settings: Connect's own limit, and a plain concurrent read of
 * every object) and the peak heap while the worker restores. Then the same records as byte-array
 * objects (their JSON bytes), restored with the ByteArrayConverter, where nothing is converted:
 * against the plain producer. Then B-Parquet: the same records as snappy Parquet objects, restored
 * with the Avro restore's converter, against that restore and Connect's limit of the same run.
 * Nothing is measured before a warm-up has run the restore and the converting producer once; the
 * producers, the restores into the same topic name and Connect's limit then run in {@link #ROUNDS}
 * rounds, and their medians are compared.
 */
final class ScenarioB {

  private static final int PARTITIONS = 4;
  private static final int TASKS = 4;
  private static final int READ_THREADS = 8;

  /** Distinct values the plain producer cycles through, encoded before the clock starts. */
  private static final int PRODUCER_VALUES = 10_000;

  /**
   * The restore's producer, tuned for a bulk load as docs/performance.md explains: the worker's
   * defaults (one request in flight, 16 KiB batches, 32 MiB of buffer per task, every buffered
   * record's SourceRecord kept until acknowledged) neither keep up with the tasks nor fit four
   * tasks and a broker into 512 MiB.
   */
  static final Map<String, String> BULK_PRODUCER =
      Map.of(
          "producer.override.max.in.flight.requests.per.connection", "5",
          "producer.override.linger.ms", "10",
          "producer.override.batch.size", "262144",
          "producer.override.buffer.memory", "8388608");

  /**
   * The backups' topics. Each is restored into a topic of the same name, as a restore to a new
   * cluster does, with no transform; the Avro backup once more into another name with {@code
   * RegexRouter}, the transform a restore beside the original topic needs.
   */
  static final String AVRO_TOPIC = "bench-b-avro";

  static final String BYTES_TOPIC = "bench-b-bytes";

  static final String PARQUET_TOPIC = "bench-b-parquet";

  /** The backup that warms the JVM up before anything is measured. */
  static final String WARM_UP_TOPIC = "bench-b-warm-up";

  private final Bench bench;

  ScenarioB(Bench bench) {
    this.bench = bench;
  }

  /**
   * Rounds of each measurement. One producer or restore run of B lasts 3 to 15 s, and single runs
   * on a shared two-core machine moved by up to 2x between runs minutes apart (a producer measured
   * faster with conversion than without it in one run). Each round runs the producers, a restore
   * and Connect's limit in turn; medians are reported, with every run's figure.
   */
  static final int ROUNDS = 3;

  void run() throws Exception {
    long records = bench.options().bRecords();
    int objects = bench.options().bObjects();
    long perPartition = records / PARTITIONS;
    int flushSize = (int) Math.max(1, records / objects);
    String scenario =
        String.format(
            Locale.ROOT,
            "B: %s records in %s objects",
            Results.count(perPartition * PARTITIONS),
            Results.count(objects));
    try (LocalFolderBackup local = LocalFolderBackup.create("timeshard-bench-b-")) {
      long started = System.nanoTime();
      long bytes = 0;
      // A restore into the topic's own name needs a topic of its own each round.
      for (int round = 0; round < ROUNDS; round++) {
        bytes =
            write(local, roundTopic(AVRO_TOPIC, round), perPartition, flushSize, SinkFormat.AVRO);
      }
      // What write counts is the whole folder: every round's copy.
      bytes /= ROUNDS;
      bench.log(
          "B: wrote %,d records, %,d objects, %s, %d times in %.1f s",
          perPartition * PARTITIONS,
          local.sink().keys().size() / ROUNDS,
          Results.mib(bytes),
          ROUNDS,
          (System.nanoTime() - started) / 1e9);
      warmUp(perPartition, flushSize);
      double readMbPerSecond = plainRead(local);
      bench
          .results()
          .add(
              scenario,
              "local folder",
              "limit: plain concurrent GET (" + READ_THREADS + " threads)",
              String.format(
                  Locale.ROOT,
                  "%.0f MB/s (%s, %d times)",
                  readMbPerSecond,
                  Results.mib(bytes),
                  ROUNDS));
      HeapPeak heap = new HeapPeak();
      Rates plain = new Rates();
      Rates converting = new Rates();
      Rates connect = new Rates();
      Rates sameName = new Rates();
      for (int round = 0; round < ROUNDS; round++) {
        String topic = roundTopic(AVRO_TOPIC, round);
        plain.add(plainProducer(perPartition, false, "bench-b-producer-" + round));
        RestoreRun.Result restored =
            heap.during(
                whenRestored ->
                    restore(local, topic, topic, perPartition, SinkFormat.AVRO, whenRestored));
        sameName.add(restored);
        converting.add(plainProducer(perPartition, true, "bench-b-producer-converting-" + round));
        connect.add(connectLimit(perPartition, false, round));
      }
      bench
          .results()
          .add(
              scenario,
              "broker",
              "limit: plain KafkaProducer, the restore's producer settings",
              plain.describe() + " (the JSON values encoded beforehand)");
      bench
          .results()
          .add(
              scenario,
              "broker",
              "limit: plain KafkaProducer + JsonConverter, the restore's producer settings",
              converting.describe() + " (each Connect value converted as the worker does)");
      bench
          .results()
          .add(
              scenario,
              "none (records made beforehand)",
              "limit: Connect, tasks.max="
                  + TASKS
                  + ", a source task handing out prepared structs, JsonConverter",
              connect.describe()
                  + String.format(
                      Locale.ROOT,
                      "; %.2f of the converting producer: what Connect's per-record path allows"
                          + " here",
                      connect.median() / converting.median()));
      double share = sameName.median() / converting.median();
      bench
          .results()
          .add(
              scenario,
              "local folder",
              "tasks.max=" + TASKS + ", into the same topic name, no transform",
              String.format(
                  Locale.ROOT,
                  "%s, order %s, JVM busy %.1f cores; %.2f of the converting producer, %.2f of the"
                      + " plain one, %.2f of Connect's limit (medians)",
                  sameName.describe(),
                  sameName.allInOrder() ? "kept" : "WRONG",
                  sameName.meanCoresBusy(),
                  share,
                  sameName.median() / plain.median(),
                  sameName.median() / connect.median()),
              ">= 0.8 of the converting producer",
              sameName.allInOrder() && share >= 0.8);
      RestoreRun.Result renamed =
          heap.during(
              whenRestored ->
                  restore(
                      local,
                      AVRO_TOPIC,
                      "bench-b-restored",
                      perPartition,
                      SinkFormat.AVRO,
                      whenRestored));
      double renamedRate = renamed.total() / renamed.seconds();
      bench
          .results()
          .add(
              scenario,
              "local folder",
              "tasks.max=" + TASKS + ", into another topic name (RegexRouter), once",
              String.format(
                  Locale.ROOT,
                  "%s, %s records/s, order %s, JVM busy %.1f cores; %.2f of the converting"
                      + " producer's median",
                  Results.seconds(renamed.seconds()),
                  Results.count(Math.round(renamedRate)),
                  renamed.allInOrder() ? "kept" : "WRONG",
                  renamed.coresBusy(),
                  renamedRate / converting.median()),
              "all records, in order",
              renamed.allInOrder());
      try (LocalFolderBackup bytesBackup = LocalFolderBackup.create("timeshard-bench-b-bytes-")) {
        started = System.nanoTime();
        for (int round = 0; round < ROUNDS; round++) {
          write(
              bytesBackup,
              roundTopic(BYTES_TOPIC, round),
              perPartition,
              flushSize,
              SinkFormat.BYTES);
        }
        bench.log(
            "B: wrote the same records as byte-array objects, %d times in %.1f s",
            ROUNDS, (System.nanoTime() - started) / 1e9);
        Rates bytesRates = new Rates();
        Rates connectBytes = new Rates();
        for (int round = 0; round < ROUNDS; round++) {
          String topic = roundTopic(BYTES_TOPIC, round);
          RestoreRun.Result restored =
              heap.during(
                  whenRestored ->
                      restore(
                          bytesBackup, topic, topic, perPartition, SinkFormat.BYTES, whenRestored));
          bytesRates.add(restored);
          connectBytes.add(connectLimit(perPartition, true, round));
        }
        String bytesScenario = scenario.replace("objects", "byte-array objects");
        bench
            .results()
            .add(
                bytesScenario,
                "none (records made beforehand)",
                "limit: Connect, tasks.max="
                    + TASKS
                    + ", a source task handing out prepared bytes, ByteArrayConverter",
                connectBytes.describe()
                    + String.format(
                        Locale.ROOT,
                        "; %.2f of the plain producer: what Connect's per-record path allows here",
                        connectBytes.median() / plain.median()));
        double bytesShare = bytesRates.median() / plain.median();
        bench
            .results()
            .add(
                bytesScenario,
                "local folder",
                "tasks.max=" + TASKS + ", ByteArrayConverter, same topic name, no transform",
                String.format(
                    Locale.ROOT,
                    "%s, order %s, JVM busy %.1f cores; %.2f of the plain producer, %.2f of"
                        + " Connect's limit (medians)",
                    bytesRates.describe(),
                    bytesRates.allInOrder() ? "kept" : "WRONG",
                    bytesRates.meanCoresBusy(),
                    bytesShare,
                    bytesRates.median() / connectBytes.median()),
                ">= 0.7 of the plain producer",
                bytesRates.allInOrder() && bytesShare >= 0.7);
      }
      parquet(scenario, perPartition, flushSize, heap, sameName, connect);
      long max = HeapSampler.maxHeap();
      bench
          .results()
          .add(
              "Memory, during B",
              "local folder",
              "whole JVM (broker, worker, benchmark), -Xmx" + Results.mib(max).replace(" ", ""),
              String.format(
                  Locale.ROOT,
                  "peak used heap %s sampled every 20 ms (pools' peaks summed: %s), at most %s"
                      + " after a GC; %d GCs; no OOM; the highest of all Avro, byte-array and"
                      + " Parquet restores",
                  Results.mib(heap.peakSampled),
                  Results.mib(heap.peakPools),
                  Results.mib(heap.peakAfterGc),
                  heap.collections),
              "no OOM, peak heap <= 512 MiB",
              heap.peakSampled <= 512L * 1024 * 1024);
    }
  }

  /**
   * B-Parquet: the same records as snappy Parquet objects (the sinks' default {@code
   * parquet.codec}), restored into the same topic name with the same converter, against B's Avro
   * restore and Connect's limit of this run.
   */
  private void parquet(
      String scenario,
      long perPartition,
      int flushSize,
      HeapPeak heap,
      Rates avro,
      Rates connectLimit)
      throws Exception {
    try (LocalFolderBackup parquetBackup = LocalFolderBackup.create("timeshard-bench-b-parquet-")) {
      long started = System.nanoTime();
      long bytes = 0;
      for (int round = 0; round < ROUNDS; round++) {
        bytes =
            write(
                parquetBackup,
                roundTopic(PARQUET_TOPIC, round),
                perPartition,
                flushSize,
                SinkFormat.PARQUET);
      }
      bench.log(
          "B: wrote the same records as snappy Parquet objects, %s, %d times in %.1f s",
          Results.mib(bytes / ROUNDS), ROUNDS, (System.nanoTime() - started) / 1e9);
      Rates parquetRates = new Rates();
      for (int round = 0; round < ROUNDS; round++) {
        String topic = roundTopic(PARQUET_TOPIC, round);
        RestoreRun.Result restored =
            heap.during(
                whenRestored ->
                    restore(
                        parquetBackup,
                        topic,
                        topic,
                        perPartition,
                        SinkFormat.PARQUET,
                        whenRestored));
        parquetRates.add(restored);
      }
      double share = parquetRates.median() / avro.median();
      bench
          .results()
          .add(
              scenario.replace("objects", "snappy Parquet objects") + " (B-Parquet)",
              "local folder",
              "tasks.max=" + TASKS + ", into the same topic name, no transform",
              String.format(
                  Locale.ROOT,
                  "%s, order %s, JVM busy %.1f cores; %.2f of B's Avro restore, %.2f of Connect's"
                      + " limit (medians, same run)",
                  parquetRates.describe(),
                  parquetRates.allInOrder() ? "kept" : "WRONG",
                  parquetRates.meanCoresBusy(),
                  share,
                  parquetRates.median() / connectLimit.median()),
              ">= 0.8 of B's Avro restore",
              parquetRates.allInOrder() && share >= 0.8);
    }
  }

  /** The backup topic of a round: the first round's is the topic itself. */
  private static String roundTopic(String topic, int round) {
    return round == 0 ? topic : topic + "-" + (round + 1);
  }

  /** Records/s of the runs of one measurement, in the order they ran. */
  private static final class Rates {
    private final List<Double> rates = new java.util.ArrayList<>();
    private final List<RestoreRun.Result> restores = new java.util.ArrayList<>();

    void add(double rate) {
      rates.add(rate);
    }

    /** A restore's rate, with its order and the cores it kept busy. */
    void add(RestoreRun.Result restore) {
      add(restore.total() / restore.seconds());
      restores.add(restore);
    }

    /** Whether every restore added kept every record and its order. */
    boolean allInOrder() {
      return restores.stream().allMatch(RestoreRun.Result::allInOrder);
    }

    /** Cores the restores added kept busy, on average. */
    double meanCoresBusy() {
      return restores.stream().mapToDouble(RestoreRun.Result::coresBusy).average().orElse(0);
    }

    double median() {
      List<Double> sorted = new java.util.ArrayList<>(rates);
      java.util.Collections.sort(sorted);
      return sorted.get(sorted.size() / 2);
    }

    String describe() {
      return Results.count(Math.round(median()))
          + " records/s (median of "
          + String.join(", ", rates.stream().map(r -> Results.count(Math.round(r))).toList())
          + ")";
    }
  }

  /**
   * Runs a tenth of the records through both paths once before anything is measured, unmeasured: a
   * restore of an Avro backup of its own and the converting producer. The JIT compiles the
   * decoding, Connect's per-record path, the converter and the producer in the first seconds a JVM
   * runs them; a restore of a few million records on two cores spends about half its time there,
   * while a restore of a real backup, hours long, does not. Without it, the first restore measured
   * would pay for compiling what the producers measured after it find compiled.
   */
  private void warmUp(long perPartition, int flushSize) throws Exception {
    long started = System.nanoTime();
    long warmUpPerPartition = Math.max(1, perPartition / 10);
    try (LocalFolderBackup warmUp = LocalFolderBackup.create("timeshard-bench-b-warm-up-")) {
      write(warmUp, WARM_UP_TOPIC, warmUpPerPartition, flushSize, SinkFormat.AVRO);
      RestoreRun.Result result =
          restore(
              warmUp, WARM_UP_TOPIC, WARM_UP_TOPIC, warmUpPerPartition, SinkFormat.AVRO, () -> {});
      if (!result.allInOrder()) {
        throw new IllegalStateException("The warm-up restore lost records or their order");
      }
    }
    plainProducer(warmUpPerPartition, true, "bench-b-warm-up-producer");
    bench.log(
        "B: warmed up with %,d records (restore and converting producer, not measured) in %.1f s",
        warmUpPerPartition * PARTITIONS, (System.nanoTime() - started) / 1e9);
  }

  /** A restore that ends when its last record arrives. */
  @FunctionalInterface
  private interface Restore {
    RestoreRun.Result run(Runnable whenRestored) throws Exception;
  }

  /** The highest heap figures over several restores, each sampled while the worker restores. */
  private static final class HeapPeak {
    long peakSampled;
    long peakPools;
    long peakAfterGc;
    long collections;

    RestoreRun.Result during(Restore restore) throws Exception {
      try (HeapSampler heap = new HeapSampler()) {
        // Sampled up to the last record; not while the topic is read back for the order check.
        RestoreRun.Result result = restore.run(heap::close);
        peakSampled = Math.max(peakSampled, heap.peakSampled());
        peakPools = Math.max(peakPools, heap.peakOfPools());
        peakAfterGc = Math.max(peakAfterGc, heap.peakAfterGc());
        collections += heap.collections();
        return result;
      }
    }
  }

  /**
   * Avro or Parquet objects of the events, or byte-array objects of their JSON (one a line). The
   * count of bytes is the whole folder's.
   */
  private long write(
      LocalFolderBackup local, String topic, long perPartition, int flushSize, SinkFormat format)
      throws Exception {
    JsonConverter json = new JsonConverter();
    json.configure(Map.of("schemas.enable", "false"), false);
    try (BackupWriter writer =
        BackupWriter.to(local.sink())
            .format(format)
            .byteArraySeparator("\n")
            .flushSize(flushSize)
            .build()) {
      for (int p = 0; p < PARTITIONS; p++) {
        for (long i = 0; i < perPartition; i++) {
          org.apache.kafka.connect.sink.SinkRecord record =
              format == SinkFormat.BYTES
                  ? BackupRecord.of(topic, p, i)
                      .value(
                          Schema.BYTES_SCHEMA,
                          json.fromConnectData(topic, BigEvents.SCHEMA, BigEvents.value(p, i)))
                      .build()
                  : BackupRecord.of(topic, p, i)
                      .value(BigEvents.SCHEMA, BigEvents.value(p, i))
                      .build();
          writer.write(record);
        }
      }
    }
    long bytes = 0;
    for (String key : local.sink().keys()) {
      bytes += java.nio.file.Files.size(local.sink().pathOf(key));
    }
    return bytes;
  }

  /** Reads every object through the connector's file store on a few threads; MB/s. */
  private double plainRead(LocalFolderBackup local) throws Exception {
    List<String> keys = local.sink().keys();
    ExecutorService threads = Executors.newFixedThreadPool(READ_THREADS);
    AtomicLong bytes = new AtomicLong();
    try (ObjectStore store = ObjectStores.open(local.connectorConfig())) {
      long started = System.nanoTime();
      List<Future<?>> reads =
          keys.stream()
              .map(
                  key ->
                      threads.submit(
                          () -> {
                            try (InputStream in = store.open(key)) {
                              bytes.addAndGet(
                                  in.transferTo(java.io.OutputStream.nullOutputStream()));
                            }
                            return null;
                          }))
              .<Future<?>>map(f -> f)
              .toList();
      for (Future<?> read : reads) {
        read.get();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      double mbPerSecond = bytes.get() / 1e6 / seconds;
      bench.log(
          "B: plain concurrent read: %,d bytes in %.2f s, %.0f MB/s",
          bytes.get(), seconds, mbPerSecond);
      return mbPerSecond;
    } finally {
      threads.shutdownNow();
    }
  }

  /**
   * Sends as many records as the restore produces, with the same JSON values the worker's converter
   * writes and the same producer settings as the restores' overrides, to a topic of the same
   * broker; records/s.
   *
   * @param converting convert each Connect value to JSON while sending, as the worker does, rather
   *     than send values encoded beforehand
   */
  private double plainProducer(long perPartition, boolean converting, String topic)
      throws Exception {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "false"), false);
    bench.cluster().createTopic(topic, PARTITIONS);
    Struct[] structs = new Struct[PRODUCER_VALUES];
    byte[][] values = new byte[PRODUCER_VALUES][];
    for (int i = 0; i < PRODUCER_VALUES; i++) {
      structs[i] = BigEvents.value(i % PARTITIONS, i);
      values[i] = converter.fromConnectData(topic, BigEvents.SCHEMA, structs[i]);
    }
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bench.cluster().bootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    // The settings the restores' producers get through their overrides.
    BULK_PRODUCER.forEach(
        (key, value) -> config.put(key.substring("producer.override.".length()), value));
    long total = perPartition * PARTITIONS;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      long started = System.nanoTime();
      for (long i = 0; i < total; i++) {
        int n = (int) (i % PRODUCER_VALUES);
        byte[] value =
            converting ? converter.fromConnectData(topic, BigEvents.SCHEMA, structs[n]) : values[n];
        producer.send(new ProducerRecord<>(topic, (int) (i % PARTITIONS), null, value));
      }
      producer.flush();
      double seconds = (System.nanoTime() - started) / 1e9;
      bench.log(
          "B: plain producer%s: %,d records in %.1f s",
          converting ? " with JsonConverter" : "", total, seconds);
      return total / seconds;
    }
  }

  /** The value converter of B's runs: bytes as they are, or Connect data as JSON. */
  private static Map<String, String> valueConverter(boolean bytes) {
    return bytes
        ? Map.of("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter")
        : Map.of(
            "value.converter", "org.apache.kafka.connect.json.JsonConverter",
            "value.converter.schemas.enable", "false");
  }

  /** Records each of B's partitions holds when a run is done. */
  private static Map<Integer, Long> everyPartition(long perPartition) {
    Map<Integer, Long> expected = new TreeMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      expected.put(p, perPartition);
    }
    return expected;
  }

  /**
   * Runs {@link PreparedRecordsConnector} with the restores' converter, tasks and producer
   * settings, for as many records as they restore; records/s.
   *
   * @param bytes hand out JSON bytes through the {@code ByteArrayConverter} rather than structs
   *     through the {@code JsonConverter}
   */
  private double connectLimit(long perPartition, boolean bytes, int round) throws Exception {
    String topic = "bench-b-connect-limit" + (bytes ? "-bytes-" : "-") + round;
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", PreparedRecordsConnector.class.getName());
    config.put("tasks.max", Integer.toString(TASKS));
    config.put(PreparedRecordsConnector.TOPIC_CONFIG, topic);
    config.put(PreparedRecordsConnector.RECORDS_CONFIG, Long.toString(perPartition));
    config.put(PreparedRecordsConnector.BYTES_CONFIG, Boolean.toString(bytes));
    config.putAll(valueConverter(bytes));
    config.putAll(BULK_PRODUCER);
    RestoreRun.Result result =
        new RestoreRun(bench.cluster())
            .timeout(Duration.ofMinutes(10))
            .run(topic, config, topic, everyPartition(perPartition), null);
    bench.log(
        "B: Connect's limit (%s): %,d records in %.1f s, JVM busy %.1f cores",
        bytes ? "prepared bytes" : "prepared structs",
        result.total(),
        result.seconds(),
        result.coresBusy());
    return result.total() / result.seconds();
  }

  /**
   * Restores {@code topic} of a backup into {@code destination}: the same name with no transform,
   * another through {@code RegexRouter}.
   */
  private RestoreRun.Result restore(
      LocalFolderBackup local,
      String topic,
      String destination,
      long perPartition,
      SinkFormat format,
      Runnable whenRestored)
      throws Exception {
    boolean bytes = format == SinkFormat.BYTES;
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.timeshard.connect.RestoreSourceConnector");
    config.put("tasks.max", Integer.toString(TASKS));
    config.put("partitioner.class", "io.confluent.connect.storage.partitioner.DefaultPartitioner");
    config.put("restore.topics", topic);
    config.put(
        "format.class",
        switch (format) {
          case BYTES -> "io.confluent.connect.s3.format.bytearray.ByteArrayFormat";
          case PARQUET -> "io.confluent.connect.s3.format.parquet.ParquetFormat";
          default -> "io.confluent.connect.s3.format.avro.AvroFormat";
        });
    config.putAll(valueConverter(bytes));
    if (!destination.equals(topic)) {
      config.put("transforms", "rename");
      config.put("transforms.rename.type", "org.apache.kafka.connect.transforms.RegexRouter");
      config.put("transforms.rename.regex", topic);
      config.put("transforms.rename.replacement", destination);
    }
    config.putAll(local.connectorConfig());
    config.putAll(BULK_PRODUCER);
    RestoreRun.Result result =
        new RestoreRun(bench.cluster())
            .timeout(Duration.ofMinutes(10))
            .whenRestored(whenRestored)
            .progress(
                Duration.ofSeconds(10),
                (elapsed, restored) ->
                    bench.log(
                        "B: tasks.max=%d: %,d records after %.0f s",
                        TASKS,
                        restored.values().stream().mapToLong(Long::longValue).sum(),
                        elapsed))
            .run(
                "bench-b-restore-" + destination,
                config,
                destination,
                everyPartition(perPartition),
                partition -> index -> BigEvents.id(partition, index));
    bench.log(
        "B: restored %,d records into %s in %.1f s (%s)",
        result.total(),
        destination,
        result.seconds(),
        destination.equals(topic) ? "same topic name, no transform" : "RegexRouter");
    return result;
  }
}
