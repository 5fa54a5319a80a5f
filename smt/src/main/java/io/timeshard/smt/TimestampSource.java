package io.timeshard.smt;

/** Where the time of a record is read from. */
enum TimestampSource {
  /** A field of the record value (or key), possibly nested. */
  FIELD,
  /** The record's own timestamp. */
  RECORD,
  /** A record header. */
  HEADER
}
