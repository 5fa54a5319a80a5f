package io.timeshard.cli.verify;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One record in the form it is compared in: key and value as the converters make them (bytes, or a
 * JSON tree), headers as their bytes in order, and where it is.
 *
 * @param timestamp compared only when the restore stamps records from a field
 * @param where the object and record index in the backup, or the offset in the restored topic
 */
public record ComparedRecord(
    Object key, Object value, List<HeaderBytes> headers, Long timestamp, String where) {

  /** A header's key and converted value. */
  public record HeaderBytes(String key, ByteBuffer value) {}

  /** What is compared; what is not is said in the report. */
  public record Aspects(boolean keys, boolean values, boolean headers, boolean timestamps) {}

  /** The parts that differ, e.g. {@code [value, headers]}; empty when the records agree. */
  public List<String> differences(ComparedRecord other, Aspects aspects) {
    List<String> parts = new ArrayList<>();
    if (aspects.keys() && !Objects.equals(key, other.key)) {
      parts.add("key");
    }
    if (aspects.values() && !Objects.equals(value, other.value)) {
      parts.add("value");
    }
    if (aspects.headers() && !Objects.equals(headers, other.headers)) {
      parts.add("headers");
    }
    if (aspects.timestamps() && !Objects.equals(timestamp, other.timestamp)) {
      parts.add("timestamp");
    }
    return parts;
  }

  public boolean sameAs(ComparedRecord other, Aspects aspects) {
    return differences(other, aspects).isEmpty();
  }

  /** A short form of the key for messages, or {@code null}. */
  public String keyText() {
    return text(key);
  }

  public String valueText() {
    return text(value);
  }

  private static String text(Object part) {
    if (part == null) {
      return "null";
    }
    String text;
    if (part instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    } else {
      text = part.toString();
    }
    return text.length() > 120 ? text.substring(0, 117) + "..." : text;
  }
}
