package io.timeshard.partitioner.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.Test;

/** Which path formats sort as text in time order, and where a refresh from a key starts. */
class ChronologicalFoldersTest {

  private static TimeBuckets buckets(String pathFormat, long durationMs, String zone) {
    return TimeBuckets.of(pathFormat, durationMs, Locale.ROOT, DateTimeZone.forID(zone));
  }

  @Test
  void fixedWidthNumericFieldsMostSignificantFirstSortByTime() {
    assertThat(PathFormatLevel.sortsChronologically("YYYY/MM/dd/HH")).isTrue();
    assertThat(PathFormatLevel.sortsChronologically("'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH"))
        .isTrue();
    assertThat(PathFormatLevel.sortsChronologically("yyyy-MM-dd/HH-mm")).isTrue();
    assertThat(PathFormatLevel.sortsChronologically("YYYY/DDD/HH")).isTrue();
    assertThat(PathFormatLevel.sortsChronologically("YYYY/MM")).isTrue();

    assertThat(PathFormatLevel.sortsChronologically("YYYY/M/d")).isFalse();
    assertThat(PathFormatLevel.sortsChronologically("YYYY/MMM/dd")).isFalse();
    assertThat(PathFormatLevel.sortsChronologically("dd/MM/YYYY")).isFalse();
    assertThat(PathFormatLevel.sortsChronologically("YYYY/MM/dd/hh")).isFalse();
    assertThat(PathFormatLevel.sortsChronologically("YYYY/dd/HH")).isFalse();
    assertThat(PathFormatLevel.sortsChronologically("YY/MM/dd")).isFalse();
    assertThat(PathFormatLevel.sortsChronologically("YYYY/MM/dd/a/hh")).isFalse();
  }

  @Test
  void theStartFolderIsTheFolderOfTheInstant() {
    TimeBuckets hourly = buckets("YYYY/MM/dd/HH", 60_000, "UTC");
    assertThat(hourly.folderFrom(Instant.parse("2025-10-26T01:37:00Z").toEpochMilli()))
        .contains("2025/10/26/01");
    assertThat(buckets("'year'=YYYY/'month'=MM/", 86_400_000, "UTC").folderFrom(0))
        .contains("year=1970/month=01");
    assertThat(buckets("YYYY/M/d", 3_600_000, "UTC").folderFrom(0)).isEmpty();
  }

  @Test
  void beforeAClockSetBackTheStartFolderIsTheEarliestWallClockReadAfterIt() {
    // Madrid sets its clocks back from 03:00 to 02:00 on 2025-10-26 (01:00 UTC).
    TimeBuckets madrid = buckets("YYYY/MM/dd/HH", 3_600_000, "Europe/Madrid");
    long halfPastTwoSummer = Instant.parse("2025-10-26T00:30:00Z").toEpochMilli();
    assertThat(madrid.folderFrom(halfPastTwoSummer)).contains("2025/10/26/02");
    // 02:30 summer time: after it the clock reads 02:00 again, in the same folder.
    long beforeTheChange = Instant.parse("2025-10-25T23:30:00Z").toEpochMilli();
    // 01:30 summer time; the clock later reads 02:00 twice, never earlier than 01:30.
    assertThat(madrid.folderFrom(beforeTheChange)).contains("2025/10/26/01");
    long justAfter = Instant.parse("2025-10-26T00:59:00Z").toEpochMilli();
    // 02:59 summer time, then the clock reads 02:00: the folder 02 still holds what follows.
    assertThat(madrid.folderFrom(justAfter)).contains("2025/10/26/02");
    // A zone whose clocks go back an hour within the minute: 02:59 in a 60000 ms layout.
    TimeBuckets minutes = buckets("YYYY/MM/dd/HH/mm", 60_000, "Europe/Madrid");
    assertThat(minutes.folderFrom(justAfter)).contains("2025/10/26/02/00");
  }
}
