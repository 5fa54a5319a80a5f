package io.timeshard.smt;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts the name of one constant of an enum, in any case, and turns it into that constant. */
final class OneOf<E extends Enum<E>> implements ConfigDef.Validator {
  private final E[] constants;

  OneOf(Class<E> type) {
    this.constants = type.getEnumConstants();
  }

  @Override
  public void ensureValid(String name, Object value) {
    if (value == null || find(value.toString()) == null) {
      throw new ConfigException(name, value, "must be " + this);
    }
  }

  /** The constant named by a value that {@link #ensureValid} accepted. */
  E parse(String value) {
    E constant = find(value);
    if (constant == null) {
      throw new IllegalArgumentException(value + " is not " + this);
    }
    return constant;
  }

  private E find(String value) {
    for (E constant : constants) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "one of "
        + Arrays.stream(constants)
            .map(constant -> constant.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
  }
}
