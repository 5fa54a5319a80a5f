package io.timeshard.smt;

import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;

/**
 * A field name, nested with dots ({@code meta.ts}), looked up through Structs and schemaless Maps.
 * A null field is not replaced by its schema default: a record that carries no time has none.
 */
final class FieldPath {
  /** What {@link #child} returns for a name that the Struct or Map does not have. */
  private static final Object ABSENT = new Object();

  /** What {@link #child} returns when asked to look into a value that is no Struct or Map. */
  private static final Object NOT_A_HOLDER = new Object();

  private final String dotted;
  private final String[] names;

  private FieldPath(String dotted, String[] names) {
    this.dotted = dotted;
    this.names = names;
  }

  /**
   * @throws IllegalArgumentException when a part of the name is empty, as in {@code meta..ts}
   */
  static FieldPath parse(String dotted) {
    String[] names = dotted.split("\\.", -1);
    if (Arrays.stream(names).anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException(
          "a field name cannot be empty: write names such as meta.ts");
    }
    return new FieldPath(dotted, names);
  }

  /** The field's value, or null when it is null or missing. */
  Object valueIn(Object root) {
    Object current = root;
    for (String name : names) {
      current = child(current, name);
      if (current == ABSENT || current == NOT_A_HOLDER) {
        return null;
      }
    }
    return current;
  }

  /**
   * Why {@link #valueIn} found no value, or null when it found one.
   *
   * @param part the part of the record that {@code root} is, for the message
   */
  String whyAbsent(Object root, RecordPart part) {
    Object current = root;
    for (int i = 0; i < names.length; i++) {
      String holder = i == 0 ? "the record " + part : "field '" + prefix(i) + "'";
      if (current == null) {
        return holder + " is null";
      }
      Object next = child(current, names[i]);
      if (next == ABSENT) {
        String kind = current instanceof Struct ? "field" : "key";
        return "field '%s' is missing: %s has no %s '%s'".formatted(dotted, holder, kind, names[i]);
      } else if (next == NOT_A_HOLDER) {
        return holder + " is a " + current.getClass().getName() + ", not a Struct or a Map";
      }
      current = next;
    }
    return current == null ? "field '" + dotted + "' is null" : null;
  }

  /** The value under a name in a Struct or Map, {@link #ABSENT} or {@link #NOT_A_HOLDER}. */
  private static Object child(Object holder, String name) {
    if (holder instanceof Struct struct) {
      return struct.schema().field(name) == null ? ABSENT : struct.getWithoutDefault(name);
    } else if (holder instanceof Map<?, ?> map) {
      Object value = map.get(name);
      return value != null || map.containsKey(name) ? value : ABSENT;
    }
    return NOT_A_HOLDER;
  }

  private String prefix(int count) {
    return String.join(".", Arrays.asList(names).subList(0, count));
  }

  @Override
  public String toString() {
    return dotted;
  }
}
