package io.timeshard.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QuickstartOptionsTest {

  @Test
  void servesTheBackupWith20MsARequestByDefault() {
    Quickstart.Options options = Quickstart.Options.parse(new String[] {""}, Map.of());

    assertThat(options).isEqualTo(Quickstart.Options.DEFAULT);
    assertThat(options.latencyMs()).isEqualTo(20);
    assertThat(options.licensedSample()).isEqualTo(100);
  }

  @Test
  void readsSeveralFlagsFromOneArgument() {
    Quickstart.Options options =
        Quickstart.Options.parse(
            new String[] {" --latency-ms=0  --licensed-sample=20", "--partitions=2"}, Map.of());

    assertThat(options.latencyMs()).isZero();
    assertThat(options.licensedSample()).isEqualTo(20);
    assertThat(options.partitions()).isEqualTo(2);
  }

  @Test
  void namesTheFlagsItKnowsWhenGivenAnother() {
    assertThatThrownBy(() -> Quickstart.Options.parse(new String[] {"--latency=5"}, Map.of()))
        .hasMessageContaining("--latency=5")
        .hasMessageContaining("--latency-ms=N");
  }
}
