package io.timeshard.smt;

import java.time.Instant;

/** Unit of an int32 or int64 epoch time value. */
enum TimestampUnit {
  MS {
    @Override
    Instant toInstant(long epochValue) {
      return Instant.ofEpochMilli(epochValue);
    }
  },
  S {
    @Override
    Instant toInstant(long epochValue) {
      return Instant.ofEpochSecond(epochValue);
    }
  },
  US {
    @Override
    Instant toInstant(long epochValue) {
      return Instant.ofEpochSecond(
          Math.floorDiv(epochValue, 1_000_000L), Math.floorMod(epochValue, 1_000_000L) * 1_000L);
    }
  },
  NS {
    @Override
    Instant toInstant(long epochValue) {
      return Instant.ofEpochSecond(0, epochValue);
    }
  };

  /**
   * The instant that an epoch value in this unit stands for.
   *
   * @throws java.time.DateTimeException when the value lies beyond the range of {@link Instant}
   */
  abstract Instant toInstant(long epochValue);
}
