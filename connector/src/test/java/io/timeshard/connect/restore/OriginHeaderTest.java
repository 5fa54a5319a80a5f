package io.timeshard.connect.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginHeaderTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "12:3|12|3|false",
        "12:3:last|12|3|true",
        "\"100000000000:0:last\"|100000000000|0|true",
        " 0:0 |0|0|false"
      })
  void readsWhatTheConvertersWrite(String text, long start, long index, boolean last) {
    assertThat(OriginHeader.parse(text.getBytes(StandardCharsets.UTF_8)))
        .contains(new OriginHeader(start, index, last));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"abc", "12", ":3", "12:x", "-1:0", "12:3:first"})
  void refusesAnythingElse(String text) {
    assertThat(OriginHeader.parse(text.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Optional.empty());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"7, 0, false, 7:0", "7, 4, true, 7:4:last"})
  void writesStartIndexAndLast(long start, long index, boolean last, String text) {
    assertThat(OriginHeader.format(start, index, last)).isEqualTo(text);
    assertThat(new OriginHeader(start, index, last).format()).isEqualTo(text);
  }
}
