package io.timeshard.cli.verify;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Walks a partition's backup records and its restored records side by side, two records ahead on
 * each side, so that the first difference can be told for what it is: a missing record, an extra
 * one, two records in each other's place, or a record that differs. Memory stays at a few records
 * whatever the partition's size.
 */
public final class PartitionComparison {

  /**
   * @param backup records the backup holds for the partition (within the window)
   * @param restored records in the restored partition
   * @param firstDifference null when they agree
   */
  public record Outcome(long backup, long restored, String firstDifference) {
    public boolean agrees() {
      return firstDifference == null;
    }
  }

  private PartitionComparison() {}

  public static Outcome compare(
      Iterator<ComparedRecord> backup,
      Iterator<ComparedRecord> restored,
      ComparedRecord.Aspects aspects) {
    Deque<ComparedRecord> expected = new ArrayDeque<>();
    Deque<ComparedRecord> actual = new ArrayDeque<>();
    long backupCount = 0;
    long restoredCount = 0;
    long index = 0;
    String difference = null;
    while (difference == null) {
      while (expected.size() < 2 && backup.hasNext()) {
        expected.addLast(backup.next());
        backupCount++;
      }
      while (actual.size() < 2 && restored.hasNext()) {
        actual.addLast(restored.next());
        restoredCount++;
      }
      if (expected.isEmpty() && actual.isEmpty()) {
        break;
      }
      if (actual.isEmpty()) {
        ComparedRecord e = expected.peekFirst();
        difference =
            String.format(
                "record %d (%s, key %s) is missing: the restored partition ends before it",
                index, e.where(), e.keyText());
        break;
      }
      if (expected.isEmpty()) {
        ComparedRecord a = actual.peekFirst();
        difference =
            String.format(
                "an extra record at %s (key %s): the backup has %d records",
                a.where(), a.keyText(), index);
        break;
      }
      ComparedRecord e0 = expected.peekFirst();
      ComparedRecord a0 = actual.peekFirst();
      if (e0.sameAs(a0, aspects)) {
        expected.removeFirst();
        actual.removeFirst();
        index++;
        continue;
      }
      ComparedRecord e1 = expected.size() > 1 ? List.copyOf(expected).get(1) : null;
      ComparedRecord a1 = actual.size() > 1 ? List.copyOf(actual).get(1) : null;
      if (e1 != null && a1 != null && e0.sameAs(a1, aspects) && e1.sameAs(a0, aspects)) {
        difference =
            String.format(
                "records %d and %d are in each other's place (order): %s and %s are restored at"
                    + " %s and %s",
                index, index + 1, e0.where(), e1.where(), a1.where(), a0.where());
      } else if (e1 != null && e1.sameAs(a0, aspects)) {
        difference =
            String.format(
                "record %d (%s, key %s) is missing: %s holds the record after it",
                index, e0.where(), e0.keyText(), a0.where());
      } else if (a1 != null && e0.sameAs(a1, aspects)) {
        difference =
            String.format(
                "an extra record at %s (key %s) before record %d (%s)",
                a0.where(), a0.keyText(), index, e0.where());
      } else {
        List<String> parts = e0.differences(a0, aspects);
        difference =
            String.format(
                "record %d (%s) differs from %s in its %s%s",
                index,
                e0.where(),
                a0.where(),
                String.join(", ", parts),
                parts.contains("value")
                    ? ": backup " + e0.valueText() + ", restored " + a0.valueText()
                    : parts.contains("key")
                        ? ": backup " + e0.keyText() + ", restored " + a0.keyText()
                        : "");
      }
    }
    // Count the rest, for the table.
    while (backup.hasNext()) {
      backup.next();
      backupCount++;
    }
    while (restored.hasNext()) {
      restored.next();
      restoredCount++;
    }
    return new Outcome(backupCount, restoredCount, difference);
  }
}
