package io.timeshard.partitioner.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TimeBucketsTest {

  private static final String HOURLY_PATH = "YYYY/MM/dd/HH";
  private static final String HOURLY_PRESET = "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH";
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  private static final DateTimeZone MADRID = DateTimeZone.forID("Europe/Madrid");

  static Stream<Arguments> folders() {
    return Stream.of(
        // path.format, duration, zone, folder, start, end
        Arguments.of(
            HOURLY_PATH,
            HOUR,
            "UTC",
            "2025/05/16/13",
            "2025-05-16T13:00:00Z",
            "2025-05-16T14:00:00Z"),
        Arguments.of(
            HOURLY_PATH,
            60_000L,
            "UTC",
            "2025/05/16/13",
            "2025-05-16T13:00:00Z",
            "2025-05-16T14:00:00Z"),
        Arguments.of(
            HOURLY_PATH,
            60_000L,
            "UTC",
            "2025/05/16/13/",
            "2025-05-16T13:00:00Z",
            "2025-05-16T14:00:00Z"),
        Arguments.of(
            HOURLY_PATH, HOUR, "UTC", "2025/", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"),
        Arguments.of(
            HOURLY_PATH, HOUR, "UTC", "2025/05/", "2025-05-01T00:00:00Z", "2025-06-01T00:00:00Z"),
        Arguments.of(
            HOURLY_PATH, HOUR, "UTC", "2024/02/29", "2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z"),
        Arguments.of(
            HOURLY_PRESET,
            HOUR,
            "UTC",
            "year=2025/month=05/day=16/hour=13",
            "2025-05-16T13:00:00Z",
            "2025-05-16T14:00:00Z"),
        Arguments.of(
            HOURLY_PRESET,
            HOUR,
            "UTC",
            "year=2025/month=05",
            "2025-05-01T00:00:00Z",
            "2025-06-01T00:00:00Z"),
        // A bucket longer than the finest folder level: the 00 folder holds the whole day.
        Arguments.of(
            HOURLY_PATH,
            DAY,
            "UTC",
            "2025/05/16/00",
            "2025-05-16T00:00:00Z",
            "2025-05-17T00:00:00Z"),
        // Madrid in summer: UTC+2.
        Arguments.of(
            HOURLY_PATH,
            60_000L,
            "Europe/Madrid",
            "2025/05/16/13",
            "2025-05-16T11:00:00Z",
            "2025-05-16T12:00:00Z"),
        // Autumn: 03:00 CEST becomes 02:00 CET, so the 02 folder holds two hours of instants.
        Arguments.of(
            HOURLY_PATH,
            60_000L,
            "Europe/Madrid",
            "2025/10/26/01",
            "2025-10-25T23:00:00Z",
            "2025-10-26T00:00:00Z"),
        Arguments.of(
            HOURLY_PATH,
            60_000L,
            "Europe/Madrid",
            "2025/10/26/02",
            "2025-10-26T00:00:00Z",
            "2025-10-26T02:00:00Z"),
        Arguments.of(
            HOURLY_PATH,
            60_000L,
            "Europe/Madrid",
            "2025/10/26/03",
            "2025-10-26T02:00:00Z",
            "2025-10-26T03:00:00Z"),
        // Spring: 02:00 CET becomes 03:00 CEST, so no instant is ever written to the 02 folder.
        Arguments.of(
            HOURLY_PATH,
            60_000L,
            "Europe/Madrid",
            "2025/03/30/01",
            "2025-03-30T00:00:00Z",
            "2025-03-30T01:00:00Z"),
        Arguments.of(
            HOURLY_PATH,
            60_000L,
            "Europe/Madrid",
            "2025/03/30/02",
            "2025-03-30T01:00:00Z",
            "2025-03-30T01:00:00Z"),
        Arguments.of(
            HOURLY_PATH,
            60_000L,
            "Europe/Madrid",
            "2025/03/30/03",
            "2025-03-30T01:00:00Z",
            "2025-03-30T02:00:00Z"),
        // Days of 25 and 23 hours.
        Arguments.of(
            "'year'=YYYY/'month'=MM/'day'=dd",
            DAY,
            "Europe/Madrid",
            "year=2025/month=10/day=26",
            "2025-10-25T22:00:00Z",
            "2025-10-26T23:00:00Z"),
        Arguments.of(
            "'year'=YYYY/'month'=MM/'day'=dd",
            DAY,
            "Europe/Madrid",
            "year=2025/month=03/day=30",
            "2025-03-29T23:00:00Z",
            "2025-03-30T22:00:00Z"));
  }

  @ParameterizedTest(name = "{0} {1}ms {2}: {3}")
  @MethodSource("folders")
  void turnsAFolderIntoTheInstantsItCovers(
      String pathFormat, long duration, String zone, String folder, String start, String end) {
    TimeBuckets buckets = TimeBuckets.of(pathFormat, duration, Locale.US, DateTimeZone.forID(zone));

    assertThat(buckets.intervalOf(folder))
        .contains(TimeInterval.between(Instant.parse(start), Instant.parse(end)));
  }

  @Test
  void foldersThatDoNotFitThePathFormatHaveNoInterval() {
    TimeBuckets buckets = TimeBuckets.of(HOURLY_PRESET, HOUR, Locale.US, DateTimeZone.UTC);

    assertThat(buckets.intervalOf("tombstone")).isEmpty();
    assertThat(buckets.intervalOf("year=2025/month=13")).isEmpty();
    assertThat(buckets.intervalOf("year=2025/month=05/day=16/hour=13/extra")).isEmpty();
    assertThat(buckets.levels()).isEqualTo(4);
  }

  @Test
  void monthNamesFollowTheLocale() {
    TimeBuckets buckets =
        TimeBuckets.of("YYYY/MMMM/dd", DAY, Locale.forLanguageTag("es-ES"), DateTimeZone.UTC);

    assertThat(buckets.intervalOf("2025/mayo"))
        .contains(
            TimeInterval.between(
                Instant.parse("2025-05-01T00:00:00Z"), Instant.parse("2025-06-01T00:00:00Z")));
  }

  static Stream<Arguments> sinkConfigurations() {
    return Stream.of(
        Arguments.of(HOURLY_PATH, 60_000L, MADRID),
        Arguments.of(HOURLY_PATH, HOUR, MADRID),
        Arguments.of(HOURLY_PRESET, HOUR, DateTimeZone.forID("America/New_York")),
        Arguments.of("YYYY/MM/dd", DAY, MADRID),
        Arguments.of("YYYY/MM/dd/HH/mm", 5 * 60_000L, MADRID),
        Arguments.of("YYYY-MM-dd/HH", 7 * 60_000L, MADRID),
        Arguments.of("YYYY/MM/dd/HH", 2 * HOUR, MADRID),
        Arguments.of("YYYY/MM/dd/HH", 90 * 60_000L, DateTimeZone.forID("Asia/Kolkata")));
  }

  /**
   * Whatever the configuration, a record's folder, computed as the sink computes it, must cover the
   * record's timestamp, or pruning would lose it. Timestamps are drawn across a year, thickened
   * around Madrid's daylight-saving changes of 2025.
   */
  @ParameterizedTest(name = "{0} {1}ms {2}")
  @MethodSource("sinkConfigurations")
  void everyRecordsFolderCoversItsTimestamp(String pathFormat, long duration, DateTimeZone zone) {
    TimeBuckets buckets = TimeBuckets.of(pathFormat, duration, Locale.US, zone);
    SinkBucketing sink = new SinkBucketing(pathFormat, duration, Locale.US, zone);
    Random random = new Random(7);
    long yearStart = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    long[] changes = {
      Instant.parse("2025-03-30T01:00:00Z").toEpochMilli(),
      Instant.parse("2025-10-26T01:00:00Z").toEpochMilli()
    };
    for (int i = 0; i < 20_000; i++) {
      long t =
          i % 2 == 0
              ? yearStart + (long) (random.nextDouble() * 365 * DAY)
              : changes[i % 4 / 2] + (long) ((random.nextDouble() - 0.5) * 6 * HOUR);
      String folder = sink.folderOf(t);
      assertThat(buckets.intervalOf(folder))
          .as("folder %s of %s", folder, Instant.ofEpochMilli(t))
          .hasValueSatisfying(interval -> assertThat(interval.contains(t)).isTrue());
      // The leading levels of the folder cover it too.
      String parent = folder.substring(0, folder.indexOf('/'));
      assertThat(buckets.intervalOf(parent))
          .hasValueSatisfying(interval -> assertThat(interval.contains(t)).isTrue());
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"YYYY/ww", "xxxx/ww/dd", "'year'=YYYY/'week'=ww", "YYYY/MM/dd/'w'=w"})
  void weekBasedPathFormatsAreRefusedNamingWhatToUseInstead(String pathFormat) {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TimeBuckets.of(pathFormat, DAY, Locale.US, DateTimeZone.UTC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("week-based")
        .hasMessageContaining("FieldPartitioner");
  }

  @Test
  void quotedWeekLettersAreText() {
    assertThat(TimeBuckets.of("'week'YYYY/MM/dd", DAY, Locale.US, DateTimeZone.UTC)).isNotNull();
  }
}
