package io.timeshard.smt;

import static io.timeshard.smt.TestRecords.filter;
import static io.timeshard.smt.TestRecords.keeps;
import static io.timeshard.smt.TestRecords.props;
import static io.timeshard.smt.TestRecords.windowProps;
import static io.timeshard.smt.TestRecords.withTimestamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How start.datetime and end.datetime are read, and which configurations are refused. */
class WindowBoundsTest {

  /**
   * Local bounds in Europe/Madrid around the 2025 changes: on 30 March 02:00 CET becomes 03:00 CEST
   * (02:xx does not exist), on 26 October 03:00 CEST becomes 02:00 CET (02:xx happens twice).
   */
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "20250330015959,            2025-03-30T00:59:59Z",
    "20250330020000,            2025-03-30T01:00:00Z",
    "20250330023000,            2025-03-30T01:30:00Z",
    "20250330030000,            2025-03-30T01:00:00Z",
    "20251026015959,            2025-10-25T23:59:59Z",
    "20251026020000,            2025-10-26T00:00:00Z",
    "20251026023000,            2025-10-26T00:30:00Z",
    "20251026030000,            2025-10-26T02:00:00Z",
    "2025-10-26T02:30:00,       2025-10-26T00:30:00Z",
    "2025-10-26T02:30:00+01:00, 2025-10-26T01:30:00Z",
    "2025-03-30T02:30:00+02:00, 2025-03-30T00:30:00Z",
    "2025-03-30,                2025-03-29T23:00:00Z",
  })
  void daylightSavingBoundsInMadrid(String bound, Instant instant) {
    assertBoundIs(bound, instant, "timezone", "Europe/Madrid");
  }

  @ParameterizedTest(name = "{1} in {0} ({2}) is {3}")
  @CsvSource({
    "yyyyMMddHHmmss,              20250516131200,            UTC,           2025-05-16T13:12:00Z",
    "yyyyMMddHHmmss,              20250516151200,            Europe/Madrid, 2025-05-16T13:12:00Z",
    "yyyyMMddHHmmss,              2025-05-16T13:12:00Z,      Europe/Madrid, 2025-05-16T13:12:00Z",
    "yyyyMMddHHmmss,              2025-05-16T15:12:00+02:00, UTC,           2025-05-16T13:12:00Z",
    "yyyyMMddHHmmss,              2025-05-16T13:12:00.250Z,  UTC,           2025-05-16T13:12:00.250Z",
    "uuuuMMddHHmmss,              20250516131200,            UTC,           2025-05-16T13:12:00Z",
    "uuuu-MM-dd HH:mm,            2025-05-16 13:12,          UTC,           2025-05-16T13:12:00Z",
    "yyyy-MM-dd'T'HH:mm:ss.SSS,   2025-05-16T13:12:00.250,   UTC,           2025-05-16T13:12:00.250Z",
    "dd/MM/yyyy,                  16/05/2025,                UTC,           2025-05-16T00:00:00Z",
    "yyyyMMddHHmmssXX,            20250516151200+0200,       UTC,           2025-05-16T13:12:00Z",
    "yyyyMMddHHmmssXX,            20250516131200Z,           Europe/Madrid, 2025-05-16T13:12:00Z",
  })
  void boundsInDatetimeFormatOrIso(String format, String bound, String zone, Instant instant) {
    assertBoundIs(bound, instant, "datetime.format", format, "timezone", zone);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "end.datetime     | 20250516131100     | must be after start.datetime",
        "end.datetime     | 20250516131200     | must be after start.datetime",
        "start.datetime   | 20250230000000     | is not a date-time in the pattern 'yyyyMMddHHmmss'"
            + " or ISO-8601",
        "start.datetime   | 20250516241200     | is not a date-time",
        "end.datetime     | 2025-05-16 13:14   | is not a date-time",
        "end.datetime     | 1747401240000      | is not a date-time",
        "datetime.format  | YYYYMMddHHmmss     | Y is the week-based year",
        "datetime.format  | yyyyMMdd'HHmmss    | must be a java.time DateTimeFormatter pattern",
        "datetime.format  | bb                 | must be a java.time DateTimeFormatter pattern",
        "datetime.format  | ''                 | must be a java.time DateTimeFormatter pattern",
        "timestamp.format | YYYY-MM-dd         | Y is the week-based year",
        "timezone         | Mars/Olympus_Mons  | must be a time-zone ID",
        "timestamp.source | wallclock          | must be one of field, record, header",
        "timestamp.unit   | millis             | must be one of ms, s, us, ns",
        "mode             | keep               | must be one of include, exclude",
        "on.missing       | drop               | must be one of exclude, include, fail",
        "on.tombstone     | keep               | must be one of include, exclude, window",
        "timestamp.field  | ''                 | is required when timestamp.source is field",
        "timestamp.field  | meta..ts           | a field name cannot be empty",
        "timestamp.field  | .ts                | a field name cannot be empty",
      })
  void invalidConfigurationsNameTheKey(String key, String value, String reason) {
    Map<String, String> props = windowProps(key, value);

    assertThatThrownBy(() -> filter(props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("for configuration " + key)
        .hasMessageContaining(reason);
  }

  @Test
  void headerSourceRequiresAHeaderName() {
    assertThatThrownBy(() -> filter(windowProps("timestamp.source", "header")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("for configuration timestamp.header")
        .hasMessageContaining("is required when timestamp.source is header");
  }

  @Test
  void timestampFieldIsNotNeededWithOtherSources() {
    assertThatCode(() -> filter(props("timestamp.source", "record"))).doesNotThrowAnyException();
    assertThatCode(
            () -> filter(props("timestamp.source", "header", "timestamp.header", "event_time")))
        .doesNotThrowAnyException();
  }

  @Test
  void choicesAreReadInAnyCase() {
    var filter = filter(windowProps("timestamp.source", "Record", "mode", "EXCLUDE"));

    assertThat(keeps(filter, withTimestamp(TestRecords.INSIDE))).isFalse();
    assertThat(keeps(filter, withTimestamp(TestRecords.BEFORE))).isTrue();
  }

  @Test
  void weekBasedYearIsAcceptedWithAWeek() {
    assertThatCode(
            () ->
                DateTimePatternValidator.required().ensureValid("datetime.format", "YYYY-'W'ww-e"))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                DateTimePatternValidator.required()
                    .ensureValid("datetime.format", "'Year' yyyy MM dd"))
        .doesNotThrowAnyException();
  }

  /**
   * Checks a bound one millisecond either side, as start (inclusive) and as end (exclusive), on
   * records whose time is their timestamp.
   */
  private static void assertBoundIs(String bound, Instant instant, String... extraKeysAndValues) {
    Map<String, String> asStart = props("timestamp.source", "record", "start.datetime", bound);
    asStart.putAll(props(extraKeysAndValues));
    Map<String, String> asEnd = props("timestamp.source", "record", "end.datetime", bound);
    asEnd.putAll(props(extraKeysAndValues));
    var fromBound = filter(asStart);
    var untilBound = filter(asEnd);

    assertThat(keeps(fromBound, withTimestamp(instant.minusMillis(1)))).isFalse();
    assertThat(keeps(fromBound, withTimestamp(instant))).isTrue();
    assertThat(keeps(untilBound, withTimestamp(instant.minusMillis(1)))).isTrue();
    assertThat(keeps(untilBound, withTimestamp(instant))).isFalse();
  }
}
