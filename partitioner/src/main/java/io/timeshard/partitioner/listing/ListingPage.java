package io.timeshard.partitioner.listing;

import java.util.List;
import java.util.Objects;

/**
 * One page of a listing.
 *
 * @param commonPrefixes folders one level below the listed prefix, each ending with the delimiter
 * @param objects objects directly below the listed prefix (all of them, for a flat listing)
 * @param nextPageToken the token for the next page, or {@code null} when this is the last one
 */
public record ListingPage(
    List<String> commonPrefixes, List<ListedObject> objects, String nextPageToken) {

  public ListingPage {
    commonPrefixes = List.copyOf(commonPrefixes);
    objects = List.copyOf(objects);
  }

  /** True when no page follows this one. */
  public boolean isLast() {
    return nextPageToken == null;
  }

  /** A page with no page after it. */
  public static ListingPage last(List<String> commonPrefixes, List<ListedObject> objects) {
    return new ListingPage(commonPrefixes, objects, null);
  }

  @Override
  public String toString() {
    return "ListingPage{prefixes="
        + commonPrefixes.size()
        + ", objects="
        + objects.size()
        + (Objects.isNull(nextPageToken) ? ", last" : ", more")
        + "}";
  }
}
