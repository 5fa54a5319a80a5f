package io.timeshard.partitioner.layout;

import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.listing.ListingPage;
import io.timeshard.partitioner.listing.ObjectLister;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Walks the pages of listings and counts the LIST calls it sends. */
final class Listing {

  private final ObjectLister lister;
  private long calls;

  Listing(ObjectLister lister) {
    this.lister = lister;
  }

  /** Lists every page of {@code prefix}; returns the common prefixes, hands objects to the sink. */
  List<String> list(String prefix, String delimiter, Consumer<ListedObject> objects) {
    List<String> prefixes = new ArrayList<>();
    String token = null;
    do {
      ListingPage page = lister.list(prefix, delimiter, token);
      calls++;
      prefixes.addAll(page.commonPrefixes());
      page.objects().forEach(objects);
      token = page.nextPageToken();
    } while (token != null);
    return prefixes;
  }

  long calls() {
    return calls;
  }
}
