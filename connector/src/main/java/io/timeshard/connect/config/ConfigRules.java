package io.timeshard.connect.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apache.kafka.common.config.ConfigException;

/**
 * The checks of a restore configuration that one key's validator cannot make: keys that do not
 * exist, and rules about the worker's other plugins. Each problem names the one key to change and
 * says what to write instead, so that {@code /validate} shows it beside that key.
 */
public final class ConfigRules {

  /** One mistake, shown on {@code key}. */
  public record Problem(String key, String message) {}

  /** The key prefixes the connector owns: a key in them that it does not know is a typo. */
  public static final List<String> OWNED_PREFIXES =
      List.of("restore.", "store.", "azblob.", "gcs.", "s3.", "aws.");

  /** Suggestions further than this from the key are not suggested. */
  private static final int MAX_SUGGESTION_DISTANCE = 6;

  static final String REPLACE_FIELD = "org.apache.kafka.connect.transforms.ReplaceField";

  private ConfigRules() {}

  /**
   * Keys in the connector's namespaces that neither Timeshard nor the licensed connectors know,
   * each with the closest known key suggested.
   */
  public static List<Problem> unknownKeys(Collection<String> keys, Set<String> known) {
    List<Problem> problems = new ArrayList<>();
    for (String key : keys) {
      if (known.contains(key) || LicensedConnectorKeys.contains(key) || !isOwned(key)) {
        continue;
      }
      Optional<String> closest = closest(key, known);
      problems.add(
          new Problem(
              key,
              closest
                  .map(
                      suggestion ->
                          key
                              + " is not a key of this connector and would be ignored: write "
                              + suggestion
                              + " instead")
                  .orElse(
                      key
                          + " is not a key of this connector and would be ignored: remove it, or"
                          + " see docs/configuration.md for the keys")));
    }
    return problems;
  }

  static boolean isOwned(String key) {
    return OWNED_PREFIXES.stream().anyMatch(key::startsWith);
  }

  /** True for a key that selects or configures the store. */
  public static boolean isStoreKey(String key) {
    return isOwned(key) && !key.startsWith("restore.");
  }

  /** The known key closest to {@code key} by edit distance, when one is close enough. */
  static Optional<String> closest(String key, Collection<String> known) {
    LevenshteinDistance distance = new LevenshteinDistance(MAX_SUGGESTION_DISTANCE);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance.apply(key, candidate);
      if (d >= 0 && (d < bestDistance || (d == bestDistance && candidate.compareTo(best) < 0))) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * {@code ReplaceField}'s {@code blacklist} and {@code whitelist}, which Kafka 4 removed: a Kafka
   * 4 worker ignores them and the field the user meant to drop stays. An error on Kafka 4 and
   * later; on older workers, which still read them, and on a worker whose version is unknown,
   * {@code warn} is told.
   */
  public static List<Problem> removedReplaceFieldKeys(
      Map<String, String> props, WorkerVersion worker, Consumer<String> warn) {
    OptionalInt kafkaMajorVersion = worker.major();
    List<Problem> problems = new ArrayList<>();
    for (String alias : aliases(props.get("transforms"))) {
      String prefix = "transforms." + alias + ".";
      String type = props.getOrDefault(prefix + "type", "").trim();
      if (!type.startsWith(REPLACE_FIELD + "$")) {
        continue;
      }
      for (String[] rename : new String[][] {{"blacklist", "exclude"}, {"whitelist", "include"}}) {
        String key = prefix + rename[0];
        if (!props.containsKey(key)) {
          continue;
        }
        String replacement = prefix + rename[1];
        if (kafkaMajorVersion.isPresent() && kafkaMajorVersion.getAsInt() >= 4) {
          problems.add(
              new Problem(
                  key,
                  "Kafka "
                      + kafkaMajorVersion.getAsInt()
                      + " removed ReplaceField's '"
                      + rename[0]
                      + "' and ignores it, so the field stays: write "
                      + replacement
                      + " instead"));
        } else if (kafkaMajorVersion.isPresent()) {
          warn.accept(
              key
                  + " is deprecated and Kafka 4 ignores it: write "
                  + replacement
                  + " so that the configuration keeps working after an upgrade");
        } else {
          warn.accept(
              key
                  + " is ignored by Kafka 4 and later workers, and this worker's Kafka version is"
                  + " unknown: write "
                  + replacement
                  + " instead, or the field may stay");
        }
      }
    }
    return problems;
  }

  private static List<String> aliases(String transforms) {
    List<String> aliases = new ArrayList<>();
    if (transforms == null) {
      return aliases;
    }
    for (String alias : transforms.split(",")) {
      if (!alias.isBlank()) {
        aliases.add(alias.trim());
      }
    }
    return aliases;
  }

  /**
   * {@code topic.creation.default.partitions=-1} takes the broker's {@code num.partitions}, which
   * need not be the backup's partition count: records of a partition the topic lacks cannot be
   * restored where they were.
   */
  public static List<Problem> topicCreation(Map<String, String> props) {
    String key = "topic.creation.default.partitions";
    String value = props.get(key);
    if (value == null || !value.trim().equals("-1")) {
      return List.of();
    }
    return List.of(
        new Problem(
            key,
            key
                + "=-1 creates topics with the broker's num.partitions, which need not match the"
                + " backup: set it to the backup's partition count (or create the topics"
                + " first)"));
  }

  /**
   * The key a {@link ConfigException} is about: the one its message names as "for configuration
   * KEY", else the first of {@code keys} that the message names, else {@code fallback}.
   */
  public static String keyOf(ConfigException e, Collection<String> keys, String fallback) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String marker = " for configuration ";
    int at = message.indexOf(marker);
    if (at >= 0) {
      String rest = message.substring(at + marker.length());
      int end = rest.indexOf(':');
      String named = (end < 0 ? rest : rest.substring(0, end)).trim();
      if (!named.isEmpty()) {
        return named;
      }
    }
    String best = null;
    int bestAt = Integer.MAX_VALUE;
    for (String key : keys) {
      int found = wordAt(message, key);
      if (found >= 0 && (found < bestAt || (found == bestAt && key.length() > best.length()))) {
        best = key;
        bestAt = found;
      }
    }
    return best != null ? best : fallback;
  }

  /** Where {@code key} first appears in {@code message} as a whole key, or -1. */
  private static int wordAt(String message, String key) {
    int from = 0;
    while (true) {
      int at = message.indexOf(key, from);
      if (at < 0) {
        return -1;
      }
      int end = at + key.length();
      boolean startOk = at == 0 || !isKeyChar(message.charAt(at - 1));
      boolean endOk = end == message.length() || !isKeyChar(message.charAt(end));
      if (startOk && endOk) {
        return at;
      }
      from = at + 1;
    }
  }

  private static boolean isKeyChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-';
  }

  /** {@code props} without {@code keys}: what later rules read when those keys are wrong. */
  public static Map<String, String> without(Map<String, String> props, Collection<String> keys) {
    Map<String, String> copy = new HashMap<>(props);
    keys.forEach(copy::remove);
    return copy;
  }
}
