package io.timeshard.smt;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts what {@link ZoneId#of(String)} accepts. */
final class ZoneIdValidator implements ConfigDef.Validator {
  @Override
  public void ensureValid(String name, Object value) {
    if (value == null) {
      throw new ConfigException(name, null, "must be " + this);
    }
    try {
      ZoneId.of(value.toString());
    } catch (DateTimeException e) {
      throw new ConfigException(name, value, "must be " + this + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "a time-zone ID such as UTC, Europe/Madrid or +02:00";
  }
}
