package io.timeshard.partitioner.key;

/** The outcome of parsing one object key: an {@link ObjectKey}, or why the key does not fit. */
public sealed interface KeyParse permits KeyParse.Parsed, KeyParse.Rejected {

  /** A key that fits the layout. */
  record Parsed(ObjectKey key) implements KeyParse {}

  /** A key that does not fit the layout, with the reason for the log. */
  record Rejected(String key, String reason) implements KeyParse {}
}
