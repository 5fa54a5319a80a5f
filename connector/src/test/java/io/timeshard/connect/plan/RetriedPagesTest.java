package io.timeshard.connect.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeshard.connect.store.StoreAccessDeniedException;
import io.timeshard.connect.store.StoreException;
import io.timeshard.partitioner.listing.ListingPage;
import io.timeshard.partitioner.listing.ObjectLister;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RetriedPagesTest {

  private static final ListingPage PAGE = new ListingPage(List.of("topics/t/"), List.of(), "next");

  /** A store that fails the first {@code failures} requests with {@code failure}, then answers. */
  private static final class FailingFirst implements ObjectLister {
    private final List<String> tokens = Collections.synchronizedList(new ArrayList<>());
    private final RuntimeException failure;
    private int failures;

    FailingFirst(int failures, RuntimeException failure) {
      this.failures = failures;
      this.failure = failure;
    }

    @Override
    public ListingPage list(String prefix, String delimiter, String pageToken) {
      tokens.add(pageToken);
      if (failures-- > 0) {
        throw failure;
      }
      return PAGE;
    }
  }

  @Test
  void aPageTheStoreFailedToGiveIsAskedForAgainNotTheWholePlan() {
    FailingFirst store =
        new FailingFirst(3, new StoreException("Cannot list 'topics/' (HTTP 503 ServerBusy)"));

    RetriedPages pages = new RetriedPages(store, Duration.ofMinutes(10), () -> false);
    assertThat(pages.listedAPage()).isFalse();

    ListingPage page = pages.list("topics/", "/", "p7");

    assertThat(page).isEqualTo(PAGE);
    assertThat(pages.listedAPage()).isTrue();
    assertThat(store.tokens)
        .as("the same page, four times")
        .containsExactly("p7", "p7", "p7", "p7");
  }

  @Test
  void aFailureThatWillNotPassIsThrownAtOnce() {
    FailingFirst store =
        new FailingFirst(1, new StoreAccessDeniedException("Cannot list 'topics/' (HTTP 403)"));

    assertThatThrownBy(
            () ->
                new RetriedPages(store, Duration.ofMinutes(10), () -> false)
                    .list("topics/", "/", null))
        .isInstanceOf(StoreAccessDeniedException.class);
    assertThat(store.tokens).hasSize(1);
  }

  @Test
  void itGivesUpWithTheStoresFailureOnceNoPageWasListedForTheLimit() {
    StoreException down = new StoreException("Cannot list 'topics/': Connection refused");
    FailingFirst store = new FailingFirst(Integer.MAX_VALUE, down);

    assertThatThrownBy(
            () -> new RetriedPages(store, Duration.ZERO, () -> false).list("topics/", "/", null))
        .isSameAs(down);
  }

  /** Without the stop, this lister would ask for ten minutes; the timeout only ends a hang. */
  @Test
  @Timeout(60)
  void aStoppingTaskIsNotKeptWaitingForTheStore() {
    StoreException down = new StoreException("Cannot list 'topics/': Connection refused");
    FailingFirst store = new FailingFirst(Integer.MAX_VALUE, down);
    AtomicBoolean stopping = new AtomicBoolean();
    RetriedPages pages = new RetriedPages(store, Duration.ofMinutes(10), stopping::get);
    Thread stop =
        new Thread(
            () -> {
              // Stops while the lister sleeps in its back-off after the first failures.
              while (store.tokens.size() < 3) {
                Thread.onSpinWait();
              }
              stopping.set(true);
            });
    stop.start();

    assertThatThrownBy(() -> pages.list("topics/", "/", null)).isSameAs(down);
  }
}
