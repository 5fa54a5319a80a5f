package io.timeshard.apicheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.apicheck.KafkaPublicApi.LibraryException;
import io.timeshard.apicheck.KafkaReferences.Reference;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The project's code uses Kafka's public API only ({@link KafkaPublicApi}), so that the plugin, the
 * SMT jar and the command line keep working in workers and clusters of Kafka versions they were not
 * built against; and the libraries packaged with the plugin reach beyond it only where {@link
 * KafkaPublicApi#LIBRARY_EXCEPTIONS} says why.
 */
class KafkaPublicApiTest {

  /**
   * Each module is found through one of its classes: its classes folder in a reactor build, its jar
   * otherwise.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "io.timeshard.partitioner.PartitionerConfig",
        "io.timeshard.smt.FilterByFieldTimestamp",
        "io.timeshard.connect.RestoreSourceConnector",
        "io.timeshard.cli.Timeshard"
      })
  void aModuleReferencesOnlyKafkasPublicApi(String moduleClass) throws Exception {
    Path module = locationOf(Class.forName(moduleClass));
    List<Reference> references = KafkaReferences.of(module);

    assertThat(references).as("Kafka references found in " + module).isNotEmpty();
    assertThat(references.stream().filter(r -> notPublic(r).isPresent()))
        .as("references outside Kafka's public API in " + module)
        .isEmpty();
  }

  @Test
  void thePluginsLibrariesReachBeyondThePublicApiOnlyWhereListed() throws IOException {
    Path lib = Path.of(System.getProperty("plugin.lib", "target/no-plugin.lib"));
    assertThat(lib)
        .as("the packaged plugin's lib folder (build the connector first)")
        .isDirectory();
    List<Path> libraries;
    try (Stream<Path> jars = Files.list(lib)) {
      libraries =
          jars.filter(p -> p.toString().endsWith(".jar"))
              .filter(p -> !p.getFileName().toString().startsWith("timeshard-"))
              .sorted()
              .toList();
    }
    List<String> unexplained = new ArrayList<>();
    List<LibraryException> used = new ArrayList<>();
    for (Path jar : libraries) {
      String name = jar.getFileName().toString();
      for (Reference reference : KafkaReferences.of(jar)) {
        if (notPublic(reference).isEmpty()) {
          continue;
        }
        Optional<LibraryException> exception =
            KafkaPublicApi.LIBRARY_EXCEPTIONS.stream()
                .filter(e -> name.startsWith(e.jarPrefix()))
                .filter(e -> reference.toPackage().equals(e.kafkaPackage()))
                .findFirst();
        if (exception.isPresent()) {
          used.add(exception.get());
        } else {
          unexplained.add(name + ": " + reference);
        }
      }
    }
    assertThat(unexplained).as("library references outside Kafka's public API").isEmpty();
    assertThat(KafkaPublicApi.LIBRARY_EXCEPTIONS)
        .as("listed exceptions that no library needs any more")
        .allMatch(used::contains);
  }

  /** The check finds what it is for: connect-json's JsonConverter reaches into Kafka's utils. */
  @Test
  void aReferenceToKafkasInternalsIsFound() throws Exception {
    Path connectJson = locationOf(Class.forName("org.apache.kafka.connect.json.JsonConverter"));

    assertThat(
            KafkaReferences.of(connectJson).stream()
                .filter(r -> notPublic(r).isPresent())
                .map(Reference::to))
        .contains("org.apache.kafka.common.utils.AppInfoParser");
  }

  @Test
  void aPublicClassFromTheWrongJarIsNotPublic() {
    Reference runtimeInternal =
        new Reference("x.Y", "org.apache.kafka.connect.storage.NoSuchInternalStore");

    assertThat(notPublic(runtimeInternal)).isPresent();
    assertThat(notPublic(new Reference("x.Y", "org.apache.kafka.connect.storage.Converter")))
        .isEmpty();
    assertThat(notPublic(new Reference("x.Y", "org.apache.kafka.common.utils.Utils"))).isPresent();
    assertThat(
            notPublic(
                new Reference("x.Y", "org.apache.kafka.clients.consumer.internals.ConsumerUtils")))
        .isPresent();
  }

  /** Why {@code reference} is not to Kafka's public API, or empty when it is. */
  private static Optional<String> notPublic(Reference reference) {
    String pkg = reference.toPackage();
    Optional<KafkaPublicApi.Package> listed =
        KafkaPublicApi.PUBLIC.stream().filter(p -> p.name().equals(pkg)).findFirst();
    if (listed.isEmpty()) {
      return Optional.of(reference + ": package " + pkg + " is not Kafka's public API");
    }
    URL found = ClassLoader.getSystemResource(reference.to().replace('.', '/') + ".class");
    if (found == null) {
      return Optional.of(reference + ": not in " + listed.get().artifacts());
    }
    String jar = found.getPath();
    jar = jar.substring(0, Math.max(0, jar.indexOf('!')));
    String file = jar.substring(jar.lastIndexOf('/') + 1);
    return listed.get().artifacts().stream().anyMatch(a -> file.startsWith(a + "-"))
        ? Optional.empty()
        : Optional.of(reference + ": from " + file + ", not " + listed.get().artifacts());
  }

  private static Path locationOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
