package io.timeshard.connect.restore;

import java.time.Instant;

/**
 * How often a task restarted by itself, and why it last did: carried in the source offset of every
 * record it produces afterwards ({@value #COUNT_KEY}, {@value #REASON_KEY}), so that the offsets
 * Connect commits, and {@code timeshard status}, which reads them, tell of it.
 *
 * @param count the restarts so far
 * @param reason why the last one happened
 * @param at when it happened
 */
public record TaskRestarts(int count, String reason, Instant at) {

  public static final String COUNT_KEY = "task_restarts";
  public static final String REASON_KEY = "task_restart_reason";

  /** What {@value #REASON_KEY} holds: the reason and when. */
  public String describe() {
    return reason + " (" + at + ")";
  }
}
