package io.timeshard.connect.format.avro;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Conversion;

/**
 * A logical-type conversion registered as a service (for a logical type no schema uses), counting
 * its instances: Avro creates the registered conversions each time it looks them up.
 */
public final class CountingConversion extends Conversion<Object> {

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  public CountingConversion() {
    INSTANCES.incrementAndGet();
  }

  static int instances() {
    return INSTANCES.get();
  }

  @Override
  public Class<Object> getConvertedType() {
    return Object.class;
  }

  @Override
  public String getLogicalTypeName() {
    return "timeshard-test-counting";
  }
}
