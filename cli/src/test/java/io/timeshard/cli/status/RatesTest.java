package io.timeshard.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatesTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void noRateFromOneLook() {
    Rates rates = new Rates(60 * SECOND);
    rates.record("total", 0, 10);

    assertThat(rates.perSecond("total")).isEmpty();
    assertThat(rates.etaSeconds("total", 5)).isEmpty();
  }

  @Test
  void theRateIsMeasuredBetweenTheLooksOfTheWindow() {
    Rates rates = new Rates(60 * SECOND);
    rates.record("total", 0, 0);
    rates.record("total", 10 * SECOND, 50);
    rates.record("total", 20 * SECOND, 100);

    assertThat(rates.perSecond("total")).hasValue(5.0);
    assertThat(rates.spanSeconds("total")).isEqualTo(20.0);
    assertThat(rates.etaSeconds("total", 300)).hasValue(60.0);
  }

  @Test
  void looksOlderThanTheWindowAreForgotten() {
    Rates rates = new Rates(15 * SECOND);
    rates.record("total", 0, 0);
    rates.record("total", 10 * SECOND, 100);
    rates.record("total", 20 * SECOND, 110);
    rates.record("total", 30 * SECOND, 120);

    // Only the looks at 20 s and 30 s are within 15 s of the last.
    assertThat(rates.perSecond("total")).hasValue(1.0);
  }

  @Test
  void nothingLeftIsNoWait() {
    Rates rates = new Rates(60 * SECOND);
    assertThat(rates.etaSeconds("total", 0)).hasValue(0.0);
  }

  @Test
  void aStandstillHasNoEta() {
    Rates rates = new Rates(60 * SECOND);
    rates.record("total", 0, 7);
    rates.record("total", 10 * SECOND, 7);

    assertThat(rates.perSecond("total")).hasValue(0.0);
    assertThat(rates.etaSeconds("total", 3)).isEmpty();
  }
}
