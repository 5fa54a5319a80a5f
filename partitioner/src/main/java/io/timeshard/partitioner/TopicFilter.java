package io.timeshard.partitioner;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Which topics of a backup to restore: all, a list, or a regex over the whole name. */
public final class TopicFilter implements Predicate<String> {

  private final Predicate<String> predicate;
  private final Optional<Set<String>> names;
  private final String description;

  private TopicFilter(
      Predicate<String> predicate, Optional<Set<String>> names, String description) {
    this.predicate = predicate;
    this.names = names;
    this.description = description;
  }

  public static TopicFilter all() {
    return new TopicFilter(topic -> true, Optional.empty(), "all topics");
  }

  public static TopicFilter of(List<String> topics) {
    Set<String> names = Set.copyOf(topics);
    return new TopicFilter(names::contains, Optional.of(names), "topics " + topics);
  }

  public static TopicFilter matching(Pattern regex) {
    return new TopicFilter(
        topic -> regex.matcher(topic).matches(),
        Optional.empty(),
        "topics matching '" + regex + "'");
  }

  /** The topic names, when the filter is a list: then no listing is needed to find them. */
  public Optional<Set<String>> names() {
    return names;
  }

  @Override
  public boolean test(String topic) {
    return predicate.test(topic);
  }

  @Override
  public String toString() {
    return description;
  }
}
