package io.timeshard.partitioner.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.RestorePartitioner;
import io.timeshard.partitioner.RestorePartitioners;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.listing.ListingPage;
import io.timeshard.partitioner.listing.ObjectLister;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RestorePartitionersTest {

  static Stream<Arguments> names() {
    String sink = "io.confluent.connect.storage.partitioner.";
    return Stream.of(
        Arguments.of(sink + "DefaultPartitioner", DefaultRestorePartitioner.class),
        Arguments.of(sink + "FieldPartitioner", FieldRestorePartitioner.class),
        Arguments.of(sink + "TimeBasedPartitioner", TimeBasedRestorePartitioner.class),
        Arguments.of(sink + "HourlyPartitioner", HourlyRestorePartitioner.class),
        Arguments.of(sink + "DailyPartitioner", DailyRestorePartitioner.class),
        Arguments.of(
            TimeBasedRestorePartitioner.class.getName(), TimeBasedRestorePartitioner.class),
        Arguments.of(UserPartitioner.class.getName(), UserPartitioner.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void resolvesSinkNamesOurNamesAndUserClasses(String name, Class<?> expected) {
    assertThat(RestorePartitioners.resolve(name)).isEqualTo(expected);
  }

  @Test
  void createsAndConfiguresTheNamedPartitioner() {
    RestorePartitioner partitioner =
        RestorePartitioners.create(
            Map.of(
                "partitioner.class",
                    "io.confluent.connect.storage.partitioner.TimeBasedPartitioner",
                "path.format", "YYYY/MM/dd/HH",
                "partition.duration.ms", "60000",
                "locale", "en-US",
                "timezone", "Europe/Madrid"));

    assertThat(partitioner).isInstanceOf(TimeBasedRestorePartitioner.class);
    assertThat(((TimeBasedRestorePartitioner) partitioner).buckets().zone().getID())
        .isEqualTo("Europe/Madrid");
  }

  @Test
  void acceptsBothLocaleSpellings() {
    for (String locale : List.of("en-US", "en_US")) {
      RestorePartitioner partitioner =
          RestorePartitioners.create(
              Map.of(
                  "partitioner.class",
                  "io.confluent.connect.storage.partitioner.HourlyPartitioner",
                  "locale",
                  locale,
                  "timezone",
                  "UTC"));
      assertThat(partitioner).isInstanceOf(HourlyRestorePartitioner.class);
    }
  }

  @Test
  void namesTheKeyWhenAClassIsMissingOrWrong() {
    assertThatThrownBy(() -> RestorePartitioners.resolve("com.example.NoSuchPartitioner"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("partitioner.class")
        .hasMessageContaining("com.example.NoSuchPartitioner");
    assertThatThrownBy(() -> RestorePartitioners.resolve(String.class.getName()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("does not implement");
  }

  @Test
  void timeBasedLayoutsNameTheMissingSinkKey() {
    assertThatThrownBy(
            () ->
                RestorePartitioners.create(
                    Map.of(
                        "partitioner.class",
                        "io.confluent.connect.storage.partitioner.TimeBasedPartitioner",
                        "partition.duration.ms",
                        "3600000",
                        "timezone",
                        "UTC")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("path.format");
    assertThatThrownBy(
            () ->
                RestorePartitioners.create(
                    Map.of(
                        "partitioner.class",
                        "io.confluent.connect.storage.partitioner.TimeBasedPartitioner",
                        "path.format",
                        "YYYY/MM/dd/HH",
                        "partition.duration.ms",
                        "3600000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("timezone");
  }

  /** Stands for a class a user drops into the plugin folder. */
  public static class UserPartitioner implements RestorePartitioner {
    @Override
    public void configure(Map<String, ?> configs) {}

    @Override
    public RestorePlan plan(ObjectLister lister, PlanRequest request) {
      ListingPage ignored = lister.list("", "/", null);
      return new RestorePlan(List.of(), null);
    }
  }
}
