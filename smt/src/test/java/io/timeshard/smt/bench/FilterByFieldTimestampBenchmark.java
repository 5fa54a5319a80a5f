package io.timeshard.smt.bench;

import io.timeshard.smt.FilterByFieldTimestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Records per second through FilterByFieldTimestamp on Struct values whose time is an int64 epoch
 * in milliseconds or an ISO-8601 string. Each invocation filters {@value #RECORDS} records whose
 * times are spread over ten minutes around a two-minute window, so about one in five is kept.
 *
 * <p>Run with {@code ./mvnw -B -pl smt -Pjmh test-compile} (see docs/smt.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(FilterByFieldTimestampBenchmark.RECORDS)
public class FilterByFieldTimestampBenchmark {
  static final int RECORDS = 1024;

  private static final Instant FIRST = Instant.parse("2025-05-16T13:08:00Z");
  private static final long SPREAD_MS = 10 * 60 * 1000;
  private static final Map<String, String> WINDOW =
      Map.of(
          "timestamp.field", "event_timestamp",
          "start.datetime", "20250516131200",
          "end.datetime", "20250516131400");

  private final FilterByFieldTimestamp<SinkRecord> filter = new FilterByFieldTimestamp<>();
  private SinkRecord[] int64Records;
  private SinkRecord[] isoStringRecords;

  @Setup
  public void setUp() {
    filter.configure(WINDOW);
    int64Records = records(Schema.INT64_SCHEMA, Instant::toEpochMilli);
    isoStringRecords = records(Schema.STRING_SCHEMA, Instant::toString);
  }

  @Benchmark
  public void structInt64Millis(Blackhole blackhole) {
    for (SinkRecord record : int64Records) {
      blackhole.consume(filter.apply(record));
    }
  }

  @Benchmark
  public void structIsoString(Blackhole blackhole) {
    for (SinkRecord record : isoStringRecords) {
      blackhole.consume(filter.apply(record));
    }
  }

  private static SinkRecord[] records(Schema timeSchema, Function<Instant, Object> time) {
    Schema schema =
        SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA)
            .field("customer", Schema.STRING_SCHEMA)
            .field("event_timestamp", timeSchema)
            .build();
    Random random = new Random(42);
    SinkRecord[] records = new SinkRecord[RECORDS];
    for (int i = 0; i < RECORDS; i++) {
      Instant at = FIRST.plusMillis((long) (random.nextDouble() * SPREAD_MS));
      Struct value =
          new Struct(schema)
              .put("id", (long) i)
              .put("customer", "customer-" + random.nextInt(1000))
              .put("event_timestamp", time.apply(at));
      records[i] =
          new SinkRecord(
              "orders",
              0,
              null,
              null,
              schema,
              value,
              i,
              at.toEpochMilli(),
              TimestampType.CREATE_TIME,
              new ConnectHeaders());
    }
    return records;
  }
}
