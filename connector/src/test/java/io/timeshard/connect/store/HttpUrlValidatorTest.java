package io.timeshard.connect.store;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpUrlValidatorTest {

  private final HttpUrlValidator validator = new HttpUrlValidator();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:10000/devstoreaccount1",
        "https://acct.blob.core.usgovcloudapi.net",
        "https://storage.googleapis.com/"
      })
  void acceptsHttpUrls(String url) {
    assertThatCode(() -> validator.ensureValid("k", url)).doesNotThrowAnyException();
  }

  @Test
  void acceptsNoValue() {
    assertThatCode(() -> validator.ensureValid("k", null)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://host/x", "127.0.0.1:10000", "file:///tmp"})
  void rejectsOtherUrls(String url) {
    assertThatThrownBy(() -> validator.ensureValid("k", url)).isInstanceOf(ConfigException.class);
  }

  @Test
  void rejectsAQueryWithoutRepeatingIt() {
    assertThatThrownBy(
            () ->
                validator.ensureValid(
                    "azblob.endpoint", "https://a.blob.core.windows.net?sig=S3CR3T"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("azblob.endpoint")
        .hasMessageNotContaining("S3CR3T");
  }

  @Test
  void saysWhatIsValid() {
    assertThatCode(() -> validator.toString().contains("http://")).doesNotThrowAnyException();
    org.assertj.core.api.Assertions.assertThat(validator.toString())
        .contains("http://", "https://");
  }
}
