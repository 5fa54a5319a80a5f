package io.timeshard.smt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.ServiceLoader;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.Test;

/** What a worker with plugin.discovery=service_load, and its REST API, see of the plugins. */
class PluginRegistrationTest {

  @Test
  void transformsAreListedForServiceLoading() {
    List<String> found = listedInThisPackage(Transformation.class);

    assertThat(found)
        .containsExactlyInAnyOrder(
            FilterByFieldTimestamp.class.getName(),
            FilterByFieldTimestamp.Key.class.getName(),
            FilterByFieldTimestamp.Value.class.getName());
  }

  @Test
  void predicatesAreListedForServiceLoading() {
    List<String> found = listedInThisPackage(Predicate.class);

    assertThat(found)
        .containsExactlyInAnyOrder(
            TimestampInWindow.class.getName(),
            TimestampInWindow.Key.class.getName(),
            TimestampInWindow.Value.class.getName());
  }

  @Test
  void pluginsDescribeTheirConfiguration() {
    assertThat(new FilterByFieldTimestamp<>().config())
        .isSameAs(FilterByFieldTimestamp.CONFIG_DEF)
        .isSameAs(FilterByFieldTimestampConfig.CONFIG_DEF);
    assertThat(FilterByFieldTimestamp.CONFIG_DEF.names())
        .containsExactlyInAnyOrder(
            "timestamp.source",
            "timestamp.field",
            "timestamp.header",
            "timestamp.unit",
            "timestamp.format",
            "start.datetime",
            "end.datetime",
            "datetime.format",
            "timezone",
            "mode",
            "on.missing",
            "on.tombstone");
    assertThat(new TimestampInWindow<>().config()).isSameAs(TimestampInWindow.CONFIG_DEF);
    assertThat(TimestampInWindow.CONFIG_DEF.names())
        .containsExactlyInAnyOrder(
            "timestamp.source",
            "timestamp.field",
            "timestamp.header",
            "timestamp.unit",
            "timestamp.format",
            "start.datetime",
            "end.datetime",
            "datetime.format",
            "timezone",
            "on.missing");
    assertThat(FilterByFieldTimestamp.OVERVIEW_DOC).contains("start.datetime (inclusive)");
    assertThat(TimestampInWindow.OVERVIEW_DOC).contains("negate=true");
  }

  @Test
  void pluginsReportAVersion() {
    // The manifest version exists only in the packaged jar; the classes of this build have none.
    assertThat(new FilterByFieldTimestamp<>().version())
        .isEqualTo(new TimestampInWindow<>().version())
        .isEqualTo(Version.current())
        .isNotBlank();
  }

  private static List<String> listedInThisPackage(Class<?> service) {
    return ServiceLoader.load(service).stream()
        .map(provider -> provider.type().getName())
        .filter(name -> name.startsWith("io.timeshard.smt."))
        .toList();
  }
}
