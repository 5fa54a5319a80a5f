package io.timeshard.partitioner.listing;

import java.util.ArrayList;
import java.util.List;

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

  /**
   * Lists one page of the keys under {@code prefix} that sort strictly after {@code startAfter}, in
   * the stores' order of keys (the order of their UTF-8 bytes, which is the order of their code
   * points: {@link #keyOrder(String, String)}). A common prefix is kept when a key after {@code
   * startAfter} can lie below it (the folder that holds {@code startAfter} itself may be returned
   * or not).
   *
   * <p>The default lists everything and drops the rest here, so it is correct for every store but
   * saves no LIST call; a store that can start a listing at a key (S3's {@code start-after}, GCS's
   * {@code startOffset}) overrides it and says so with {@link #listsFromAKey()}. An override must
   * still never return a key at or before {@code startAfter}, whatever the store answers.
   *
   * @param startAfter the key to start after; {@code null} or {@code ""} lists everything
   * @param pageToken {@code null} for the first page, else the previous page's token of this same
   *     listing
   */
  default ListingPage listAfter(
      String prefix, String delimiter, String startAfter, String pageToken) {
    return after(list(prefix, delimiter, pageToken), startAfter);
  }

  /**
   * Whether {@link #listAfter} asks the store to start at the key, so that keys before it cost no
   * LIST call; {@code false} when it filters a whole listing (the default, and Azure's, whose
   * continuation markers are opaque). A planner uses a listing from a key only where this is true.
   */
  default boolean listsFromAKey() {
    return false;
  }

  /**
   * The part of a page after {@code startAfter}: objects whose keys sort after it, and common
   * prefixes below which such a key can lie.
   */
  static ListingPage after(ListingPage page, String startAfter) {
    if (startAfter == null || startAfter.isEmpty()) {
      return page;
    }
    List<String> prefixes = new ArrayList<>(page.commonPrefixes().size());
    for (String prefix : page.commonPrefixes()) {
      if (keyOrder(prefix, startAfter) > 0 || startAfter.startsWith(prefix)) {
        prefixes.add(prefix);
      }
    }
    List<ListedObject> objects = new ArrayList<>(page.objects().size());
    for (ListedObject object : page.objects()) {
      if (keyOrder(object.key(), startAfter) > 0) {
        objects.add(object);
      }
    }
    if (prefixes.size() == page.commonPrefixes().size()
        && objects.size() == page.objects().size()) {
      return page;
    }
    return new ListingPage(prefixes, objects, page.nextPageToken());
  }

  /**
   * Compares two keys as the stores order them: by their UTF-8 bytes, which is the order of their
   * code points ({@link String#compareTo} orders UTF-16 units, which differs for characters beyond
   * U+FFFF).
   */
  static int keyOrder(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
