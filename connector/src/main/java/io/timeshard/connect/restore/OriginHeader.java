package io.timeshard.connect.restore;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where a restored record came from in the backup, carried in a header of the restored record so
 * that original offsets can be mapped to restored ones at any later time: {@code <start>:<index>},
 * the start offset of the record's object (the original Kafka offset of its first record) and the
 * record's index in it, with {@code :last} on the object's last record.
 *
 * <p>The sinks store no per-record offset: only an object's first record has a known original
 * offset. The record at {@code index} has an original offset of at least {@code start + index},
 * exactly that when the object's records are contiguous (its record count equals the distance to
 * the next object's start offset).
 *
 * @param start the object's start offset
 * @param index the record's index in the object, from 0
 * @param last true on the object's last record
 */
public record OriginHeader(long start, long index, boolean last) {

  /** The header's default name. */
  public static final String DEFAULT_NAME = "timeshard.origin";

  private static final String LAST = ":last";

  /** The header's value. */
  public String format() {
    return last ? start + ":" + index + LAST : start + ":" + index;
  }

  /** The header's value for a record. */
  public static String format(long start, long index, boolean last) {
    return last ? start + ":" + index + LAST : start + ":" + index;
  }

  /**
   * Reads a header value as written by the worker's header converter: the plain string ({@code
   * SimpleHeaderConverter}, {@code StringConverter}) or a JSON string ({@code JsonConverter}).
   */
  public static Optional<OriginHeader> parse(byte[] value) {
    if (value == null) {
      return Optional.empty();
    }
    String text = new String(value, StandardCharsets.UTF_8).trim();
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      text = text.substring(1, text.length() - 1);
    }
    boolean last = text.endsWith(LAST);
    if (last) {
      text = text.substring(0, text.length() - LAST.length());
    }
    int colon = text.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    try {
      long start = Long.parseLong(text.substring(0, colon));
      long index = Long.parseLong(text.substring(colon + 1));
      return start < 0 || index < 0
          ? Optional.empty()
          : Optional.of(new OriginHeader(start, index, last));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
