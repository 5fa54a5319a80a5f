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
}
