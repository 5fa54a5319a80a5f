package io.timeshard.benchmarks;

import java.util.Date;
import java.util.Locale;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/** Scenario B's records: shoe-shop events of about 200 bytes each in Avro. */
final class BigEvents {

  static final String TOPIC = "shoe-events";

  static final Schema SCHEMA =
      SchemaBuilder.struct()
          .name("io.timeshard.benchmarks.ShoeEvent")
          .field("id", Schema.INT64_SCHEMA)
          .field("customer_email", Schema.STRING_SCHEMA)
          .field("shoe_size", Schema.INT32_SCHEMA)
          .field("brand", Schema.STRING_SCHEMA)
          .field("action", Schema.STRING_SCHEMA)
          .field("event_timestamp", Timestamp.SCHEMA)
          .field("note", Schema.STRING_SCHEMA)
          .build();

  private static final String[] BRANDS = {"Camper", "Munich", "Victoria", "Gioseppo", "Mustang"};
  private static final String[] ACTIONS = {"viewed", "added-to-cart", "bought", "returned"};
  private static final String NOTE =
      "Customer asked about half sizes and wide fits; prefers the store in Calle Mayor and pays by"
          + " card. Loyalty tier: gold; newsletter: yes.";

  private BigEvents() {}

  static long id(int partition, long index) {
    return partition * 1_000_000_000L + index;
  }

  static Struct value(int partition, long index) {
    return new Struct(SCHEMA)
        .put("id", id(partition, index))
        .put(
            "customer_email",
            String.format(Locale.ROOT, "customer-%07d@example.com", (index * 7919) % 9_999_991))
        .put("shoe_size", (int) (35 + index % 12))
        .put("brand", BRANDS[(int) (index % BRANDS.length)])
        .put("action", ACTIONS[(int) ((index / 3) % ACTIONS.length)])
        .put("event_timestamp", new Date(1_760_000_000_000L + index * 50))
        .put("note", NOTE.substring(0, 100 + (int) (index % 20)));
  }
}
