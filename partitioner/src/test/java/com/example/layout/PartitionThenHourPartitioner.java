package com.example.layout;

import io.timeshard.partitioner.layout.FolderLayoutRestorePartitioner;
import io.timeshard.partitioner.time.TimeInterval;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * A layout of a user's own, written outside Timeshard's packages: {@code
 * partition=<N>/day=<yyyy-MM-dd>/hour=<HH>} in UTC below each topic folder.
 */
public class PartitionThenHourPartitioner extends FolderLayoutRestorePartitioner {

  @Override
  protected Optional<TimeInterval> folderInterval(List<String> levels) {
    if (!levels.get(0).startsWith("partition=")) {
      return Optional.empty();
    }
    if (levels.size() == 1) {
      return Optional.of(TimeInterval.ALL);
    }
    try {
      Instant day =
          LocalDate.parse(levels.get(1).substring("day=".length()))
              .atStartOfDay(ZoneOffset.UTC)
              .toInstant();
      if (levels.size() == 2) {
        return Optional.of(TimeInterval.between(day, day.plus(Duration.ofDays(1))));
      }
      Instant hour = day.plus(Duration.ofHours(Integer.parseInt(levels.get(2).substring(5))));
      return Optional.of(TimeInterval.between(hour, hour.plus(Duration.ofHours(1))));
    } catch (DateTimeParseException | NumberFormatException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }
}
