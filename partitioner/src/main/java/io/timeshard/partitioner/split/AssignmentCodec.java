package io.timeshard.partitioner.split;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes a set of topic partitions as a short string for a task configuration, which lives in
 * Connect's config topic: {@code orders:0-3,7;customers.v2:1}. Topics are listed once, partitions
 * as sorted ranges, so 1,000 partitions of one topic take a few bytes, and of 1,000 topics about
 * their names' length. The characters {@code : ; , -} cannot appear in a range list, and only
 * {@code -} can appear in a topic name, which is always before the {@code :}.
 */
public final class AssignmentCodec {

  private AssignmentCodec() {}

  public static String encode(List<TopicPartition> partitions) {
    Map<String, TreeSet<Integer>> byTopic = new TreeMap<>();
    for (TopicPartition tp : partitions) {
      byTopic.computeIfAbsent(tp.topic(), t -> new TreeSet<>()).add(tp.partition());
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, TreeSet<Integer>> e : byTopic.entrySet()) {
      if (out.length() > 0) {
        out.append(';');
      }
      out.append(e.getKey()).append(':');
      appendRanges(out, e.getValue());
    }
    return out.toString();
  }

  private static void appendRanges(StringBuilder out, TreeSet<Integer> partitions) {
    Integer first = null;
    int last = 0;
    boolean written = false;
    for (int p : partitions) {
      if (first != null && p == last + 1) {
        last = p;
        continue;
      }
      if (first != null) {
        written = appendRange(out, first, last, written);
      }
      first = p;
      last = p;
    }
    if (first != null) {
      appendRange(out, first, last, written);
    }
  }

  private static boolean appendRange(StringBuilder out, int first, int last, boolean written) {
    if (written) {
      out.append(',');
    }
    out.append(first);
    if (last != first) {
      out.append('-').append(last);
    }
    return true;
  }

  /**
   * Reads what {@link #encode} wrote.
   *
   * @throws IllegalArgumentException naming the part that does not parse
   */
  public static List<TopicPartition> decode(String encoded) {
    List<TopicPartition> partitions = new ArrayList<>();
    if (encoded == null || encoded.isEmpty()) {
      return partitions;
    }
    Map<String, String> topics = new LinkedHashMap<>();
    for (String entry : encoded.split(";")) {
      int colon = entry.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("not <topic>:<partitions>: '" + entry + "'");
      }
      topics.put(entry.substring(0, colon), entry.substring(colon + 1));
    }
    for (Map.Entry<String, String> topic : topics.entrySet()) {
      for (String range : topic.getValue().split(",")) {
        int dash = range.indexOf('-');
        try {
          int first = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
          int last = dash < 0 ? first : Integer.parseInt(range.substring(dash + 1));
          if (last < first) {
            throw new IllegalArgumentException("empty range '" + range + "'");
          }
          for (int p = first; p <= last; p++) {
            partitions.add(new TopicPartition(topic.getKey(), p));
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "not a partition range in '" + topic.getKey() + ":" + topic.getValue() + "'", e);
        }
      }
    }
    return partitions;
  }
}
