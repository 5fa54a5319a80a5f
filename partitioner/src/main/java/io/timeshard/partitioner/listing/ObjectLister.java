package io.timeshard.partitioner.listing;

/**
 * The one thing the planner needs from an object store: a paged listing of a prefix.
 *
 * <p>With a delimiter, keys that contain it after the prefix are rolled up into common prefixes
 * (the "folders" one level down); without one ({@code null}), every object under the prefix is
 * returned. Implementations may return entries in any order: callers never rely on it.
 */
@FunctionalInterface
public interface ObjectLister {

  /**
   * Lists one page.
   *
   * @param prefix the key prefix, {@code ""} for the whole container
   * @param delimiter the folder delimiter, or {@code null} for a flat listing
   * @param pageToken {@code null} for the first page, else {@link ListingPage#nextPageToken()}
   * @return the page: folders (with a delimiter), objects, and the next page's token if any
   */
  ListingPage list(String prefix, String delimiter, String pageToken);
}
