package io.timeshard.partitioner.key;

/**
 * What an object holds. With {@code store.kafka.keys} / {@code store.kafka.headers} the sinks write
 * companions beside each value object, with the same start offset and an infix in the extension.
 */
public enum ObjectRole {
  VALUES(""),
  KEYS(".keys"),
  HEADERS(".headers");

  private final String infix;

  ObjectRole(String infix) {
    this.infix = infix;
  }

  /** The text between the start offset and the format's extension, e.g. {@code .keys}. */
  public String infix() {
    return infix;
  }

  private static final ObjectRole[] ROLES = values();

  /** The role whose infix is {@code text[from, to)}, or null; allocates nothing. */
  static ObjectRole ofInfix(String text, int from, int to) {
    for (ObjectRole role : ROLES) {
      if (role.infix.length() == to - from && text.startsWith(role.infix, from)) {
        return role;
      }
    }
    return null;
  }
}
