package io.timeshard.connect.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdleCoresTest {

  private long cpu;
  private long wall;
  private final IdleCores twoCores = new IdleCores(() -> cpu, () -> wall, 2);

  /** Runs the clocks on for {@code millis}, the process using {@code cores} meanwhile. */
  private void run(long millis, double cores) {
    wall += millis * 1_000_000;
    cpu += (long) (millis * 1_000_000 * cores);
  }

  @Test
  void aProcessUsingMostOfItsCoresIsBusyAndOneUsingHalfIsNot() {
    assertThat(twoCores.getAsBoolean()).isTrue();

    run(200, 1.9);
    assertThat(twoCores.getAsBoolean()).isFalse();

    run(200, 1.0);
    assertThat(twoCores.getAsBoolean()).isTrue();
  }

  @Test
  void withinAWindowTheLastAnswerHolds() {
    twoCores.getAsBoolean();
    run(200, 2.0);
    assertThat(twoCores.getAsBoolean()).isFalse();

    run(50, 0.0);
    assertThat(twoCores.getAsBoolean()).isFalse();
    run(60, 0.0);
    assertThat(twoCores.getAsBoolean()).isTrue();
  }

  @Test
  void aJvmThatDoesNotTellItsCpuTimeCountsAsIdle() {
    IdleCores unknown = new IdleCores(() -> -1, () -> wall, 2);
    unknown.getAsBoolean();
    run(200, 2.0);
    assertThat(unknown.getAsBoolean()).isTrue();
  }
}
