package io.timeshard.connect.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeshard.fixtures.FaultInjectingProxy;
import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.listing.ListingPage;
import io.timeshard.partitioner.listing.ObjectLister;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link ObjectStore} must do, written once and run against each store: a local folder,
 * Azurite, Google's in-memory storage and s3proxy. A subclass says how to reach its store and how
 * to put test objects into it; what a store truly cannot be tested for (an in-memory store has no
 * credentials) it skips with the reason.
 *
 * <p>One container holds all test objects, written once before the tests (in parallel: more than
 * 5,000 of them) under separate prefixes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ObjectStoreContract {

  /** More objects than one page of any store (Azure's pages hold 5,000, S3's 1,000). */
  protected static final int MANY = 5_100;

  protected static final String BIG = "big/topics/t/";
  protected static final String LAYOUT = "layout/topics/";
  protected static final String LARGE_KEY = "large/blob.bin";
  protected static final String EMPTY_KEY = "empty/zero.bin";

  /** Larger than two download blocks of every store (4 MiB each), and not a multiple of one. */
  protected static final int LARGE_SIZE = 9 * 1024 * 1024 + 123;

  /** Keys whose string order is not their numeric order: partition 10 before 2, a wide offset. */
  protected static final List<String> LAYOUT_KEYS =
      List.of(
          LAYOUT + "orders/partition=0/orders+0+0000000000.json",
          LAYOUT + "orders/partition=0/orders+0+10000000000.json",
          LAYOUT + "orders/partition=1/orders+1+0000000000.json",
          LAYOUT + "orders/partition=10/orders+10+0000000042.json",
          LAYOUT + "orders/partition=2/orders+2+0000000100.json",
          LAYOUT + "orders.v2/partition=0/orders.v2+0+0000000000.json",
          LAYOUT + "readme.txt");

  /** How far a store's clock may be from this machine's, for the lastModified checks. */
  protected static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private String container;
  private Instant writtenFrom;
  private byte[] large;
  private ObjectStore store;

  /** The provider under test; its {@code create} builds every store of the suite. */
  protected abstract ObjectStoreProvider provider();

  /** Properties for a store on {@code container}, with the right credentials. */
  protected abstract Map<String, String> props(String container);

  /** Creates an empty container (or bucket, or folder). */
  protected abstract void createContainer(String container) throws Exception;

  /** Writes one object, straight to the store (never through a fault-injecting proxy). */
  protected abstract void put(String container, String key, byte[] data) throws Exception;

  /**
   * {@code props} with credentials that are well-formed but wrong. Stores without credentials skip
   * the test with {@link Assumptions#abort(String)}.
   */
  protected Map<String, String> withWrongCredentials(Map<String, String> props) {
    return Assumptions.abort("this store has no credentials to get wrong");
  }

  /** The secret in {@link #withWrongCredentials}, which no failure may show. */
  protected String wrongSecret() {
    return null;
  }

  /** The name that a credentials failure must show: the account or bucket. */
  protected String credentialsOwner(String container) {
    return container;
  }

  /** Whether listings come in pages of at most some thousands; if not, why not. */
  protected String whyNoPaging() {
    return null;
  }

  /** What {@code create} throws for a container that does not exist. */
  protected Class<? extends Exception> missingContainerFailure() {
    return ObjectNotFoundException.class;
  }

  /**
   * Properties for a store on {@code container} reached through {@code proxy}, with short timeouts
   * and backoff. Stores that cannot sit behind an HTTP proxy skip the test.
   */
  protected Map<String, String> propsThroughProxy(String container, FaultInjectingProxy proxy) {
    return Assumptions.abort("this store is not reached over HTTP");
  }

  /** The port of the emulator, for the fault-injecting proxy; skips where there is none. */
  protected int emulatorPort() {
    return Assumptions.abort("this store is not reached over HTTP");
  }

  /**
   * Whether the store dates an object of {@link #LARGE_SIZE} bytes after its last byte was written
   * (S3 dates a multipart upload by its start).
   */
  protected boolean datesLargeObjectsAfterTheirLastByte() {
    return true;
  }

  @BeforeAll
  void writeTestObjects() throws Exception {
    writtenFrom = Instant.now();
    container = "contract-" + UUID.randomUUID().toString().substring(0, 8);
    createContainer(container);
    large = new byte[LARGE_SIZE];
    new Random(7).nextBytes(large);
    List<String> keys = new ArrayList<>(LAYOUT_KEYS);
    IntStream.range(0, MANY).mapToObj(ObjectStoreContract::bigKey).forEach(keys::add);
    keys.add(BIG + "partition=1/t+1+0000000000.bin");
    keys.add(BIG + "partition=1/t+1+0000000007.bin");
    keys.add(BIG + "partition=2/t+2+0000000000.bin");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (String key : keys) {
        writes.add(
            pool.submit(
                () -> {
                  put(container, key, content(key));
                  return null;
                }));
      }
      writes.add(
          pool.submit(
              () -> {
                put(container, LARGE_KEY, large);
                put(container, EMPTY_KEY, new byte[0]);
                return null;
              }));
      for (Future<?> write : writes) {
        write.get();
      }
    } finally {
      pool.shutdownNow();
    }
    store = provider().create(props(container));
  }

  @AfterAll
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  protected static String bigKey(int i) {
    return String.format("%spartition=0/t+0+%010d.bin", BIG, i);
  }

  protected static byte[] content(String key) {
    return ("value of " + key).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void listsFoldersWithADelimiter() {
    Listing topics = listAll(store, LAYOUT, "/");
    assertThat(topics.prefixes)
        .containsExactlyInAnyOrder(LAYOUT + "orders/", LAYOUT + "orders.v2/");
    assertThat(topics.keys()).containsExactly(LAYOUT + "readme.txt");

    Listing partitions = listAll(store, LAYOUT + "orders/", "/");
    assertThat(partitions.prefixes)
        .containsExactlyInAnyOrder(
            LAYOUT + "orders/partition=0/",
            LAYOUT + "orders/partition=1/",
            LAYOUT + "orders/partition=10/",
            LAYOUT + "orders/partition=2/");
    assertThat(partitions.objects).isEmpty();

    // A prefix that ends inside a folder name: "orders" matches "orders/" and "orders.v2/".
    assertThat(listAll(store, LAYOUT + "orders", "/").prefixes)
        .containsExactlyInAnyOrder(LAYOUT + "orders/", LAYOUT + "orders.v2/");
  }

  @Test
  void listsEverythingBelowAPrefixWithoutADelimiter() {
    Listing all = listAll(store, LAYOUT, null);
    assertThat(all.prefixes).isEmpty();
    assertThat(all.keys()).containsExactlyInAnyOrderElementsOf(LAYOUT_KEYS);
    for (ListedObject object : all.objects) {
      assertThat(object.size()).as(object.key()).isEqualTo(content(object.key()).length);
      assertThat(object.lastModified()).as(object.key()).isNotNull();
    }
  }

  @Test
  void everyListingReportsWhenEachObjectWasLastModified() {
    Instant listedAt = Instant.now();
    Listing flat = listAll(store, "", null);
    Listing folder = listAll(store, LAYOUT + "orders/partition=0/", "/");
    assertThat(flat.objects).hasSize(LAYOUT_KEYS.size() + MANY + 3 + 2);
    assertThat(folder.objects).hasSize(2);
    for (Listing listing : List.of(flat, folder)) {
      for (ListedObject object : listing.objects) {
        assertThat(object.lastModified())
            .as("lastModified of %s", object.key())
            .isNotNull()
            .isBetween(writtenFrom.minus(CLOCK_SKEW), listedAt.plus(CLOCK_SKEW));
      }
    }
    // Which dates may prune: every small object's; a large one's where the store says so.
    for (ListedObject object : flat.objects) {
      boolean expected = !object.key().equals(LARGE_KEY) || datesLargeObjectsAfterTheirLastByte();
      assertThat(store.lastModifiedFollowsLastByte(object)).as(object.key()).isEqualTo(expected);
    }
    ListedObject undated = new ListedObject(LARGE_KEY, 1, null);
    assertThat(store.lastModifiedFollowsLastByte(undated)).isFalse();
  }

  @Test
  void listsMoreThan5000ObjectsAcrossItsPages() {
    Listing partition0 = listAll(store, BIG + "partition=0/", "/");
    assertThat(partition0.prefixes).isEmpty();
    assertThat(partition0.keys()).doesNotHaveDuplicates().hasSize(MANY);
    assertThat(new TreeSet<>(partition0.keys()))
        .isEqualTo(
            IntStream.range(0, MANY)
                .mapToObj(ObjectStoreContract::bigKey)
                .collect(Collectors.toCollection(TreeSet::new)));

    Listing flat = listAll(store, "big/", null);
    assertThat(flat.keys()).doesNotHaveDuplicates().hasSize(MANY + 3);

    // Folders one level down appear once, whichever pages their objects fall on.
    Listing folders = listAll(store, BIG, "/");
    assertThat(folders.prefixes)
        .containsExactlyInAnyOrder(
            BIG + "partition=0/", BIG + "partition=1/", BIG + "partition=2/");
  }

  @Test
  void listingsOfMoreThan5000ObjectsComeInSeveralPages() {
    String why = whyNoPaging();
    Assumptions.assumeTrue(why == null, () -> "Listing pages not checked: " + why);
    assertThat(listAll(store, BIG + "partition=0/", "/").pages)
        .as("pages of %d objects", MANY)
        .isGreaterThan(1);
    assertThat(listAll(store, "big/", null).pages).isGreaterThan(1);
  }

  @Test
  void entriesMayComeInAnyOrderButEachComesExactlyOnce() {
    // Stores return entries in their own order (Google's in-memory store: none at all). A caller
    // sorts what it needs; here, by partition and then offset, read numerically from the right.
    List<String> keys = new ArrayList<>(listAll(store, LAYOUT + "orders/", null).keys());
    assertThat(keys).doesNotHaveDuplicates().hasSize(5);
    keys.sort(
        (a, b) -> {
          String[] x = a.substring(a.lastIndexOf('/') + 1).split("[+.]");
          String[] y = b.substring(b.lastIndexOf('/') + 1).split("[+.]");
          int byPartition = Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
          return byPartition != 0
              ? byPartition
              : Long.compare(Long.parseLong(x[2]), Long.parseLong(y[2]));
        });
    assertThat(keys)
        .containsExactly(
            LAYOUT + "orders/partition=0/orders+0+0000000000.json",
            LAYOUT + "orders/partition=0/orders+0+10000000000.json",
            LAYOUT + "orders/partition=1/orders+1+0000000000.json",
            LAYOUT + "orders/partition=2/orders+2+0000000100.json",
            LAYOUT + "orders/partition=10/orders+10+0000000042.json");
  }

  @Test
  void listsOnlyTheKeysAfterAStartKey() {
    // Keys of partition=0 after its 5,000th: fewer than a page, whether the store starts there
    // (S3, GCS, a local folder) or lists the folder and drops the rest (Azure).
    String start = bigKey(4_999);
    Listing after = listAllAfter(store, BIG + "partition=0/", null, start);
    assertThat(after.keys())
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(5_000, MANY).mapToObj(ObjectStoreContract::bigKey).toList());
    if (store.listsFromAKey()) {
      assertThat(after.pages).as("pages after %s", start).isEqualTo(1);
    }

    // Several pages after the start key: each page goes on from the last, none starts over.
    assertThat(listAllAfter(store, BIG + "partition=0/", null, bigKey(99)).keys())
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(100, MANY).mapToObj(ObjectStoreContract::bigKey).toList());

    // A start key that is no object: the first key after it, and every key after.
    assertThat(listAllAfter(store, LAYOUT + "orders/", null, LAYOUT + "orders/partition=1/").keys())
        .containsExactlyInAnyOrder(
            LAYOUT + "orders/partition=1/orders+1+0000000000.json",
            LAYOUT + "orders/partition=10/orders+10+0000000042.json",
            LAYOUT + "orders/partition=2/orders+2+0000000100.json");
    // A wide offset sorts before a narrower one as text: after it comes the narrower one.
    assertThat(
            listAllAfter(
                    store,
                    LAYOUT + "orders/partition=0/",
                    null,
                    LAYOUT + "orders/partition=0/orders+0+0000000000.json")
                .keys())
        .containsExactly(LAYOUT + "orders/partition=0/orders+0+10000000000.json");
    assertThat(listAllAfter(store, LAYOUT, null, LAYOUT + "readme.txt").keys()).isEmpty();

    // With a delimiter: the folders after the start key, never one wholly before it (the folder
    // that holds the start key may come or not, as the store decides).
    Listing folders = listAllAfter(store, LAYOUT + "orders/", "/", LAYOUT + "orders/partition=1/x");
    assertThat(folders.prefixes)
        .contains(LAYOUT + "orders/partition=10/", LAYOUT + "orders/partition=2/")
        .doesNotContain(LAYOUT + "orders/partition=0/");
  }

  @Test
  void readsObjectsWholeAndInRanges() throws IOException {
    String key = LAYOUT_KEYS.get(3);
    assertThat(read(store.open(key))).isEqualTo(content(key));
    assertThat(read(store.open(key, 3, 5))).isEqualTo(Arrays.copyOfRange(content(key), 3, 8));
    assertThat(read(store.open(key, 0, 0))).isEmpty();
    assertThat(read(store.open(EMPTY_KEY))).isEmpty();

    assertThat(read(store.open(LARGE_KEY))).isEqualTo(large);
    int aroundBlockEnd = 4 * 1024 * 1024 - 100;
    assertThat(read(store.open(LARGE_KEY, aroundBlockEnd, 300)))
        .isEqualTo(Arrays.copyOfRange(large, aroundBlockEnd, aroundBlockEnd + 300));
    assertThat(read(store.open(LARGE_KEY, LARGE_SIZE - 10, 10)))
        .isEqualTo(Arrays.copyOfRange(large, LARGE_SIZE - 10, LARGE_SIZE));
  }

  @Test
  void aMissingObjectFailsNamingItsKey() {
    String key = LAYOUT + "orders/partition=0/orders+0+0000000999.json";
    assertThatThrownBy(() -> read(store.open(key)))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(store.describe());
    assertThatThrownBy(() -> read(store.open(key, 10, 10)))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining(key);
  }

  @Test
  void aMissingContainerFailsWhenTheStoreIsCreated() {
    Class<? extends Exception> expected = missingContainerFailure();
    String missing = "missing-" + UUID.randomUUID().toString().substring(0, 8);
    assertThatThrownBy(() -> provider().create(props(missing)).close())
        .isInstanceOf(expected)
        .hasMessageContaining(missing);
  }

  @Test
  void wrongCredentialsFailFastNamingTheOwnerAndNotTheSecret() {
    Map<String, String> wrong = withWrongCredentials(props(container));
    long start = System.nanoTime();
    Throwable failure = null;
    try {
      provider().create(wrong).close();
    } catch (RuntimeException e) {
      failure = e;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(failure).isInstanceOf(StoreAccessDeniedException.class);
    assertThat(failure.getMessage()).contains(credentialsOwner(container));
    assertThat(took).as("refused credentials are not retried").isLessThan(Duration.ofSeconds(10));
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(wrongSecret());
    assertThat(trace.toString()).doesNotContain(secretsOf(props(container)));
  }

  @Test
  void transientFaultsAreRetriedUntilEveryListingAndDownloadCompletes() throws Exception {
    try (FaultInjectingProxy proxy = FaultInjectingProxy.start(emulatorPort(), 0.10, 20240611);
        ObjectStore flaky = provider().create(propsThroughProxy(container, proxy))) {
      Listing flat = listAll(flaky, "big/", null);
      assertThat(flat.keys()).doesNotHaveDuplicates().hasSize(MANY + 3);
      assertThat(listAll(flaky, LAYOUT + "orders/", "/").prefixes).hasSize(4);

      List<String> sample =
          IntStream.range(0, MANY)
              .filter(i -> i % 25 == 0)
              .mapToObj(ObjectStoreContract::bigKey)
              .toList();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<byte[]>> reads = new ArrayList<>();
        for (String key : sample) {
          reads.add(pool.submit(() -> read(flaky.open(key))));
        }
        Future<byte[]> whole = pool.submit(() -> read(flaky.open(LARGE_KEY)));
        Future<byte[]> range = pool.submit(() -> read(flaky.open(LARGE_KEY, 1000, 5_000_000)));
        for (int i = 0; i < sample.size(); i++) {
          assertThat(reads.get(i).get()).as(sample.get(i)).isEqualTo(content(sample.get(i)));
        }
        assertThat(whole.get()).isEqualTo(large);
        assertThat(range.get()).isEqualTo(Arrays.copyOfRange(large, 1000, 5_001_000));
      } finally {
        pool.shutdownNow();
      }
      assertThat(proxy.faults())
          .as("faults injected in %d requests", proxy.requests())
          .isPositive();
    }
  }

  private String[] secretsOf(Map<String, String> props) {
    Set<String> secretKeys = ObjectStores.secretKeys();
    return props.entrySet().stream()
        .filter(e -> secretKeys.contains(e.getKey()) && e.getValue() != null)
        .map(Map.Entry::getValue)
        .toArray(String[]::new);
  }

  protected static byte[] read(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  /** Every page of a listing, merged. */
  protected static Listing listAll(ObjectLister lister, String prefix, String delimiter) {
    Listing listing = new Listing();
    String token = null;
    do {
      ListingPage page = lister.list(prefix, delimiter, token);
      listing.pages++;
      listing.prefixes.addAll(page.commonPrefixes());
      listing.objects.addAll(page.objects());
      token = page.nextPageToken();
    } while (token != null);
    return listing;
  }

  /** Every page of a listing after {@code startAfter}, merged; no key may be at or before it. */
  protected static Listing listAllAfter(
      ObjectLister lister, String prefix, String delimiter, String startAfter) {
    Listing listing = new Listing();
    String token = null;
    do {
      ListingPage page = lister.listAfter(prefix, delimiter, startAfter, token);
      listing.pages++;
      listing.prefixes.addAll(page.commonPrefixes());
      listing.objects.addAll(page.objects());
      for (ListedObject object : page.objects()) {
        assertThat(ObjectLister.keyOrder(object.key(), startAfter))
            .as("%s is after %s", object.key(), startAfter)
            .isPositive();
      }
      token = page.nextPageToken();
    } while (token != null);
    return listing;
  }

  /** Convenience for subclasses: a mutable copy of {@code props} with more entries. */
  protected static Map<String, String> with(Map<String, String> props, String... keysAndValues) {
    Map<String, String> copy = new HashMap<>(props);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      copy.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return copy;
  }

  /** The merged pages of one listing. */
  protected static final class Listing {
    int pages;
    final List<String> prefixes = new ArrayList<>();
    final List<ListedObject> objects = new ArrayList<>();

    List<String> keys() {
      return objects.stream().map(ListedObject::key).toList();
    }
  }
}
