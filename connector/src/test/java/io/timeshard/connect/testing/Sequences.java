package io.timeshard.connect.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.LongStream;

/** Checks on restored id sequences. */
public final class Sequences {

  private Sequences() {}

  public static List<Long> expectedIds(int partition, int count) {
    long first = CustomerBackup.id(partition, 0);
    return LongStream.range(first, first + count).boxed().toList();
  }

  /** The ids in the order they first appear: what an at-least-once restore must get right. */
  public static List<Long> firstAppearances(List<Long> ids) {
    return new ArrayList<>(new LinkedHashSet<>(ids));
  }
}
