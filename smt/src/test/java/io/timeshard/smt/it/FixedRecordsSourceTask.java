package io.timeshard.smt.it;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** Emits the configured records on the first poll and nothing after. */
public class FixedRecordsSourceTask extends SourceTask {
  static final Schema VALUE_SCHEMA =
      SchemaBuilder.struct()
          .name("restored")
          .field("id", Schema.INT32_SCHEMA)
          .field("event_timestamp", Timestamp.builder().optional().build())
          .build();

  private final CountDownLatch stopped = new CountDownLatch(1);
  private List<SourceRecord> pending;

  @Override
  public void start(Map<String, String> props) {
    String topic = props.get(FixedRecordsSourceConnector.TOPIC_CONFIG);
    String[] times = props.get(FixedRecordsSourceConnector.TIMES_CONFIG).split(",");
    pending = new ArrayList<>();
    for (int i = 0; i < times.length; i++) {
      Instant time = Instant.parse(times[i].trim());
      Struct value =
          new Struct(VALUE_SCHEMA).put("id", i + 1).put("event_timestamp", Date.from(time));
      pending.add(
          new SourceRecord(
              Map.of("source", "fixed"),
              Map.of("index", (long) i),
              topic,
              0,
              null,
              null,
              VALUE_SCHEMA,
              value,
              time.toEpochMilli()));
    }
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    if (pending != null) {
      List<SourceRecord> records = pending;
      pending = null;
      return records;
    }
    stopped.await(100, TimeUnit.MILLISECONDS);
    return null;
  }

  @Override
  public void stop() {
    stopped.countDown();
  }

  @Override
  public String version() {
    return "test";
  }
}
