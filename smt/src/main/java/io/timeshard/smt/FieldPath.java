package io.timeshard.smt;

import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;

/**
 * A field name, nested with dots ({@code meta.ts}), looked up through Structs and schemaless Maps.
 * A null field is not replaced by its schema default: a record that carries no time has none.
 */
final class FieldPath {
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
      if (current instanceof Struct struct) {
        if (struct.schema().field(name) == null) {
          return null;
        }
        current = struct.getWithoutDefault(name);
      } else if (current instanceof Map<?, ?> map) {
        current = map.get(name);
      } else {
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
      } else if (current instanceof Struct struct) {
        if (struct.schema().field(names[i]) == null) {
          return "field '"
              + dotted
              + "' is missing: "
              + holder
              + " has no field '"
              + names[i]
              + "'";
        }
        current = struct.getWithoutDefault(names[i]);
      } else if (current instanceof Map<?, ?> map) {
        if (!map.containsKey(names[i])) {
          return "field '" + dotted + "' is missing: " + holder + " has no key '" + names[i] + "'";
        }
        current = map.get(names[i]);
      } else {
        return holder + " is a " + current.getClass().getName() + ", not a Struct or a Map";
      }
    }
    return current == null ? "field '" + dotted + "' is null" : null;
  }

  private String prefix(int count) {
    return String.join(".", Arrays.asList(names).subList(0, count));
  }

  @Override
  public String toString() {
    return dotted;
  }
}
