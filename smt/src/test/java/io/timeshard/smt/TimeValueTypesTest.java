package io.timeshard.smt;

import static io.timeshard.smt.TestRecords.filter;
import static io.timeshard.smt.TestRecords.keeps;
import static io.timeshard.smt.TestRecords.mapWith;
import static io.timeshard.smt.TestRecords.record;
import static io.timeshard.smt.TestRecords.structWith;
import static io.timeshard.smt.TestRecords.windowProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The types a time field may have, each just inside and just outside the window's start. */
class TimeValueTypesTest {
  private static final Instant START = TestRecords.START_INSTANT;

  /** The recipe's window with explicit offsets, so that timezone applies to the values only. */
  private static Map<String, String> utcWindowProps(String... extraKeysAndValues) {
    Map<String, String> props =
        windowProps(
            "start.datetime", "2025-05-16T13:12:00Z", "end.datetime", "2025-05-16T13:14:00Z");
    props.putAll(TestRecords.props(extraKeysAndValues));
    return props;
  }

  static Stream<Arguments> typedValues() {
    long startMs = START.toEpochMilli();
    long startS = START.getEpochSecond();
    long startUs = startMs * 1_000L;
    long startNs = startMs * 1_000_000L;
    return Stream.of(
        Arguments.of("Timestamp", Timestamp.SCHEMA, "ms", Date.from(START), true),
        Arguments.of("Timestamp", Timestamp.SCHEMA, "ms", Date.from(START.minusMillis(1)), false),
        Arguments.of("int64", Schema.INT64_SCHEMA, "ms", startMs, true),
        Arguments.of("int64", Schema.INT64_SCHEMA, "ms", startMs - 1, false),
        Arguments.of("int64", Schema.INT64_SCHEMA, "s", startS, true),
        Arguments.of("int64", Schema.INT64_SCHEMA, "s", startS - 1, false),
        Arguments.of("int64", Schema.INT64_SCHEMA, "us", startUs, true),
        Arguments.of("int64", Schema.INT64_SCHEMA, "us", startUs - 1, false),
        Arguments.of("int64", Schema.INT64_SCHEMA, "ns", startNs, true),
        Arguments.of("int64", Schema.INT64_SCHEMA, "ns", startNs - 1, false),
        Arguments.of("int32", Schema.INT32_SCHEMA, "s", (int) startS, true),
        Arguments.of("int32", Schema.INT32_SCHEMA, "s", (int) startS - 1, false),
        // An int32 in milliseconds reaches only January 1970.
        Arguments.of("int32", Schema.INT32_SCHEMA, "ms", Integer.MAX_VALUE, false),
        Arguments.of("string", Schema.STRING_SCHEMA, "ms", "2025-05-16T13:12:00Z", true),
        Arguments.of("string", Schema.STRING_SCHEMA, "ms", "2025-05-16T13:11:59.999Z", false));
  }

  @ParameterizedTest(name = "{0} in {2}: {3} kept: {4}")
  @MethodSource("typedValues")
  void structFieldsOfEveryType(
      String type, Schema schema, String unit, Object value, boolean kept) {
    var filter = filter(windowProps("timestamp.field", "ts", "timestamp.unit", unit));

    assertThat(keeps(filter, record(structWith("ts", schema, value)))).isEqualTo(kept);
  }

  @ParameterizedTest(name = "{0} in {2}: {3} kept: {4}")
  @MethodSource("typedValues")
  void schemalessValuesOfEveryType(
      String type, Schema schema, String unit, Object value, boolean kept) {
    var filter = filter(windowProps("timestamp.field", "ts", "timestamp.unit", unit));

    assertThat(keeps(filter, record(mapWith("ts", value)))).isEqualTo(kept);
  }

  @ParameterizedTest(name = "{0} in {1}: {2}")
  @CsvSource({
    "2025-05-16T13:12:00Z,                      UTC,           kept",
    "2025-05-16T13:11:59.999999999Z,            UTC,           dropped",
    "2025-05-16T13:12:00.000000001Z,            UTC,           kept",
    "2025-05-16T15:12:00+02:00,                 UTC,           kept",
    "2025-05-16T15:11:59.999+02:00,             UTC,           dropped",
    "2025-05-16T15:12:00+02:00[Europe/Madrid],  UTC,           kept",
    "2025-05-16t13:13:00z,                      UTC,           kept",
    "2025-05-16T13:12,                          UTC,           kept",
    "2025-05-16T13:12:00,                       UTC,           kept",
    "2025-05-16T13:12:00,                       Europe/Madrid, dropped",
    "2025-05-16T15:12:00,                       Europe/Madrid, kept",
    "2025-05-16T15:13:00Z,                      Europe/Madrid, dropped",
    "2025-05-16,                                UTC,           dropped",
    "2025-05-16 13:13:00,                       UTC,           missing",
    "2025-05-16T13:13:00+0200,                  UTC,           missing",
    "2025-02-30T13:13:00Z,                      UTC,           missing",
    "1747401180000,                             UTC,           missing",
  })
  void isoStringsWithAndWithoutOffset(String text, String timezone, String outcome) {
    var filter =
        filter(utcWindowProps("timestamp.field", "ts", "timezone", timezone, "on.missing", "fail"));

    assertOutcome(filter, text, outcome);
  }

  @ParameterizedTest(name = "{1} as {0}: {3}")
  @CsvSource({
    "dd/MM/yyyy HH:mm:ss,         16/05/2025 13:12:00,            UTC,           kept",
    "dd/MM/yyyy HH:mm:ss,         16/05/2025 13:11:59,            UTC,           dropped",
    "dd/MM/yyyy HH:mm:ss,         16/05/2025 15:12:00,            Europe/Madrid, kept",
    "dd/MM/yyyy HH:mm:ss,         31/02/2025 13:12:00,            UTC,           missing",
    "dd/MM/yyyy HH:mm:ss,         16/05/2025 24:00:00,            UTC,           missing",
    "dd/MM/yyyy HH:mm:ss,         2025-05-16T13:13:00Z,           UTC,           kept",
    "yyyy-MM-dd HH:mm:ss.SSSXXX,  2025-05-16 15:12:00.000+02:00,  Europe/Madrid, kept",
    "yyyy-MM-dd HH:mm:ss.SSSXXX,  2025-05-16 15:11:59.999+02:00,  UTC,           dropped",
    "EEE dd MMM uuuu HH:mm:ss,    Fri 16 May 2025 13:13:00,       UTC,           kept",
    "EEE dd MMM uuuu HH:mm:ss,    Sat 16 May 2025 13:13:00,       UTC,           missing",
    "yyyyMMddHH,                  2025051613,                     UTC,           dropped",
    "yyyyMMddHHmm,                202505161312,                   UTC,           kept",
    "HH:mm:ss,                    13:13:00,                       UTC,           missing",
  })
  void stringsInTimestampFormatOrIso(String pattern, String text, String timezone, String outcome) {
    var filter =
        filter(
            utcWindowProps(
                "timestamp.field",
                "ts",
                "timestamp.format",
                pattern,
                "timezone",
                timezone,
                "on.missing",
                "fail"));

    assertOutcome(filter, text, outcome);
  }

  private static void assertOutcome(
      FilterByFieldTimestamp<SinkRecord> filter, String text, String outcome) {
    SinkRecord record = record(mapWith("ts", text));
    switch (outcome) {
      case "kept" -> assertThat(keeps(filter, record)).isTrue();
      case "dropped" -> assertThat(keeps(filter, record)).isFalse();
      default ->
          assertThatThrownBy(() -> filter.apply(record))
              .isInstanceOf(DataException.class)
              .hasMessageContaining("holds '" + text + "', which is not");
    }
  }

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({
    "9223372036854775807, s",
    "-9223372036854775808, s",
  })
  void epochValuesBeyondTheRangeOfTimeAreMissing(long value, String unit) {
    var keepMissing =
        filter(
            windowProps("timestamp.field", "ts", "timestamp.unit", unit, "on.missing", "include"));
    var dropMissing = filter(windowProps("timestamp.field", "ts", "timestamp.unit", unit));

    assertThat(keeps(keepMissing, record(mapWith("ts", value)))).isTrue();
    assertThat(keeps(dropMissing, record(mapWith("ts", value)))).isFalse();
  }
}
