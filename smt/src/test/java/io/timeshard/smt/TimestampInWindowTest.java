package io.timeshard.smt;

import static io.timeshard.smt.TestRecords.BEFORE;
import static io.timeshard.smt.TestRecords.INSIDE;
import static io.timeshard.smt.TestRecords.eventStruct;
import static io.timeshard.smt.TestRecords.mapWith;
import static io.timeshard.smt.TestRecords.predicate;
import static io.timeshard.smt.TestRecords.record;
import static io.timeshard.smt.TestRecords.windowProps;
import static io.timeshard.smt.TestRecords.withTimestamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampInWindowTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "2025-05-16T13:11:59.999Z, false",
    "2025-05-16T13:12:00.000Z, true",
    "2025-05-16T13:13:59.999Z, true",
    "2025-05-16T13:14:00.000Z, false",
  })
  void trueInsideTheWindowStartInclusiveEndExclusive(Instant time, boolean inside) {
    assertThat(predicate(windowProps()).test(record(eventStruct(time)))).isEqualTo(inside);
    assertThat(predicate(windowProps("timestamp.source", "record")).test(withTimestamp(time)))
        .isEqualTo(inside);
  }

  @Test
  void recordsWithoutATimeAreOutsideByDefault() {
    var predicate = predicate(windowProps());

    assertThat(predicate.test(record(mapWith("id", 1)))).isFalse();
    assertThat(predicate.test(record(null))).isFalse();
  }

  @Test
  void onMissingChoosesTheAnswerForRecordsWithoutATime() {
    SinkRecord noTime = record(mapWith("event_timestamp", "soon"));

    assertThat(predicate(windowProps("on.missing", "false")).test(noTime)).isFalse();
    assertThat(predicate(windowProps("on.missing", "true")).test(noTime)).isTrue();
    assertThatThrownBy(() -> predicate(windowProps("on.missing", "fail")).test(noTime))
        .isInstanceOf(DataException.class)
        .hasMessageContainingAll(
            "topic 'orders', partition 3, offset 42",
            "field 'event_timestamp' holds 'soon'",
            "on.missing=fail");
  }

  @Test
  void onMissingTakesThePredicatesOwnValues() {
    assertThatThrownBy(() -> predicate(windowProps("on.missing", "exclude")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must be one of false, true, fail");
  }

  @Test
  void keyVariantReadsTheKey() {
    SinkRecord insideByKey =
        record(eventStruct(INSIDE), eventStruct(BEFORE), null, new ConnectHeaders());
    TimestampInWindow<SinkRecord> byKey = new TimestampInWindow.Key<>();
    byKey.configure(windowProps());
    TimestampInWindow<SinkRecord> byValue = new TimestampInWindow.Value<>();
    byValue.configure(windowProps());

    assertThat(byKey.test(insideByKey)).isTrue();
    assertThat(byValue.test(insideByKey)).isFalse();
  }

  @Test
  void sharesTheTimeOptionsOfTheTransform() {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("ts", "16/05/2025 15:13");
    var predicate =
        predicate(
            windowProps(
                "timestamp.source", "header",
                "timestamp.header", "ts",
                "timestamp.format", "dd/MM/yyyy HH:mm",
                "timezone", "Europe/Madrid",
                "start.datetime", "2025-05-16T13:12:00Z",
                "end.datetime", "2025-05-16T13:14:00Z"));

    assertThat(predicate.test(record(null, mapWith("id", 1), null, headers))).isTrue();
  }
}
