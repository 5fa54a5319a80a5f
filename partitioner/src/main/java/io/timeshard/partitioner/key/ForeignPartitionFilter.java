package io.timeshard.partitioner.key;

import java.util.BitSet;
import java.util.Map;

/**
 * Skips the keys of partitions a task does not restore before they are parsed, without allocating.
 * In a time-based layout every partition's files sit side by side in every time folder, so a task
 * lists the keys of every partition and keeps a share of them: most keys it sees are another
 * task's.
 *
 * <p>{@link #skips(String)} answers yes only for a key that {@link ObjectKeyParser#parse} accepts,
 * whose file sits in its own topic's folder, that is a companion or a value object in the format
 * restored, and whose topic and partition are not assigned: exactly the keys a plan drops without a
 * word. Any other key (one of the task's own, a misplaced file, another format, anything odd) is
 * left to the full parse, so that it is kept or reported as before.
 */
public final class ForeignPartitionFilter {

  private static final char FIELD_DELIM = '+';

  private final String topicsPrefix;
  private final String delim;
  private final ExtensionTable extensions;
  private final BackupFormat format;
  private final String[] topics;
  private final BitSet[] partitions;

  /**
   * @param parser the layout's key parser
   * @param assigned the partitions kept, by topic
   * @param format the format restored: value objects of another format are left to the full parse
   */
  public ForeignPartitionFilter(
      ObjectKeyParser parser,
      Map<String, ? extends Iterable<Integer>> assigned,
      BackupFormat format) {
    this.topicsPrefix = parser.topicsPrefix();
    this.delim = parser.delimiter();
    this.extensions = parser.extensions();
    this.format = format;
    this.topics = new String[assigned.size()];
    this.partitions = new BitSet[assigned.size()];
    int i = 0;
    for (Map.Entry<String, ? extends Iterable<Integer>> entry : assigned.entrySet()) {
      topics[i] = entry.getKey();
      BitSet set = new BitSet();
      for (int partition : entry.getValue()) {
        if (partition >= 0) {
          set.set(partition);
        }
      }
      partitions[i++] = set;
    }
  }

  /** True when the full parse would drop {@code key} only for its partition; see the class. */
  public boolean skips(String key) {
    if (!key.startsWith(topicsPrefix)) {
      return false;
    }
    int restStart = topicsPrefix.length();
    int lastDelim = key.lastIndexOf(delim);
    if (lastDelim <= restStart) {
      return false;
    }
    int fileStart = lastDelim + delim.length();
    int offsetSep = key.lastIndexOf(FIELD_DELIM);
    if (offsetSep <= fileStart) {
      return false;
    }
    int partitionSep = key.lastIndexOf(FIELD_DELIM, offsetSep - 1);
    if (partitionSep <= fileStart) {
      return false;
    }
    long partition = number(key, partitionSep + 1, offsetSep);
    if (partition < 0 || partition > Integer.MAX_VALUE || offsetSep - partitionSep - 1 == 0) {
      return false;
    }
    int topicLength = partitionSep - fileStart;
    if (assigned(key, fileStart, topicLength, (int) partition)) {
      return false;
    }
    int digitsEnd = offsetSep + 1;
    while (digitsEnd < key.length() && isAsciiDigit(key.charAt(digitsEnd))) {
      digitsEnd++;
    }
    if (digitsEnd == offsetSep + 1 || number(key, offsetSep + 1, digitsEnd) < 0) {
      return false;
    }
    ExtensionTable.Extension extension = extensions.matchEnd(key, key.length() - digitsEnd);
    if (extension == null) {
      return false;
    }
    ObjectRole role =
        ObjectRole.ofInfix(key, digitsEnd, key.length() - extension.suffix().length());
    if (role == null || (role == ObjectRole.VALUES && extension.format() != format)) {
      return false;
    }
    int parentLength = lastDelim - restStart;
    boolean ownFolder =
        key.regionMatches(restStart, key, fileStart, topicLength)
            && (parentLength == topicLength
                || (parentLength >= topicLength + delim.length()
                    && key.startsWith(delim, restStart + topicLength)));
    return ownFolder;
  }

  /**
   * True when the file name's topic, {@code key[fileStart, +topicLength)}, and partition are kept.
   */
  private boolean assigned(String key, int fileStart, int topicLength, int partition) {
    for (int i = 0; i < topics.length; i++) {
      if (topics[i].length() == topicLength
          && key.regionMatches(fileStart, topics[i], 0, topicLength)) {
        return partitions[i].get(partition);
      }
    }
    return false;
  }

  /**
   * The non-negative number {@code key[from, to)} reads as, or -1 when it is not all ASCII digits
   * or does not fit a long.
   */
  private static long number(String key, int from, int to) {
    if (to - from <= 18) {
      // Fits a long whatever the digits: check them only (the value matters for a partition).
      long value = 0;
      for (int i = from; i < to; i++) {
        char c = key.charAt(i);
        if (!isAsciiDigit(c)) {
          return -1;
        }
        value = value * 10 + (c - '0');
      }
      return value;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      char c = key.charAt(i);
      if (!isAsciiDigit(c)) {
        return -1;
      }
      int digit = c - '0';
      if (value > (Long.MAX_VALUE - digit) / 10) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
