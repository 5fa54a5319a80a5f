package io.timeshard.benchmarks;

import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.StoreException;
import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.listing.ListingPage;
import io.timeshard.partitioner.listing.ObjectLister;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * A time-based backup that exists only as arithmetic: {@code partitions} Kafka partitions, one
 * record per partition per minute, one Avro object per record, in {@code YYYY/MM/dd/HH} folders
 * (UTC) of 60000 ms buckets. Listings are generated in key order, in pages of 5,000 keys as Azure
 * pages them, each request waiting {@code latencyMs}; objects are encoded when they are read.
 * Nothing is written to disk.
 */
final class GeneratedBackup implements ObjectStore {

  static final String TOPIC = "bench-d";
  static final String TOPIC_PREFIX = "topics/" + TOPIC + "/";
  static final int PAGE = 5000;
  static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  static final Schema SCHEMA =
      SchemaBuilder.record("Click").fields().requiredLong("id").requiredLong("minute").endRecord();

  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final int partitions;
  private final int hours;
  private final long listLatencyMs;
  private final long getLatencyMs;
  private final AtomicLong lists;
  private final String[] hourFolders;
  private final int[] partitionOrder;
  private final String[] keyPrefixes;
  private final String[] partitionTexts;
  private volatile boolean fromAKey;

  /**
   * @param hours whole hours of backup: {@code hours * 60 * partitions} objects
   * @param lists counts the LIST requests
   */
  GeneratedBackup(
      int partitions, int hours, long listLatencyMs, long getLatencyMs, AtomicLong lists) {
    this.partitions = partitions;
    this.hours = hours;
    this.listLatencyMs = listLatencyMs;
    this.getLatencyMs = getLatencyMs;
    this.lists = lists;
    this.hourFolders = new String[hours];
    for (int h = 0; h < hours; h++) {
      hourFolders[h] = HOUR.format(START.plusSeconds(h * 3600L)) + "/";
    }
    // Keys sort by the partition's text: 0, 1, 10, 11, 2, ...
    List<String> names = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      names.add(Integer.toString(p));
    }
    names.sort(null);
    partitionOrder = names.stream().mapToInt(Integer::parseInt).toArray();
    keyPrefixes = new String[hours];
    for (int h = 0; h < hours; h++) {
      keyPrefixes[h] = TOPIC_PREFIX + hourFolders[h] + TOPIC + "+";
    }
    partitionTexts = names.toArray(String[]::new);
  }

  /** Enough whole hours for at least {@code objects} objects. */
  static int hoursFor(long objects, int partitions) {
    return (int) ((objects + 60L * partitions - 1) / (60L * partitions));
  }

  long objects() {
    return (long) hours * 60 * partitions;
  }

  /**
   * The key of one object, built from precomputed pieces: a real store's server builds the keys of
   * a listing, so the stand-in should cost the worker little per key (about 0.1 µs here, against
   * about 1 µs with {@code String.format}).
   */
  private String key(int hour, int partitionRank, int minute) {
    long offset = hour * 60L + minute;
    String prefix = keyPrefixes[hour];
    String partition = partitionTexts[partitionRank];
    StringBuilder key = new StringBuilder(prefix.length() + partition.length() + 16);
    key.append(prefix).append(partition).append('+');
    String digits = Long.toString(offset);
    for (int pad = digits.length(); pad < 10; pad++) {
      key.append('0');
    }
    return key.append(digits).append(".avro").toString();
  }

  @Override
  public ListingPage list(String prefix, String delimiter, String pageToken) {
    lists.incrementAndGet();
    if (listLatencyMs > 0) {
      try {
        Thread.sleep(listLatencyMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("Interrupted while listing '" + prefix + "'", e);
      }
    }
    if (!prefix.startsWith(TOPIC_PREFIX)) {
      boolean above = TOPIC_PREFIX.startsWith(prefix);
      return ListingPage.last(
          above && delimiter != null ? List.of(TOPIC_PREFIX) : List.of(), List.of());
    }
    String relative = prefix.substring(TOPIC_PREFIX.length());
    int first = -1;
    int last = -1;
    for (int h = 0; h < hours; h++) {
      if (hourFolders[h].startsWith(relative)) {
        if (first < 0) {
          first = h;
        }
        last = h;
      }
    }
    if (first < 0) {
      return ListingPage.last(List.of(), List.of());
    }
    if (delimiter != null && relative.length() < hourFolders[first].length()) {
      TreeSet<String> children = new TreeSet<>();
      for (int h = first; h <= last; h++) {
        int cut = hourFolders[h].indexOf('/', relative.length());
        children.add(TOPIC_PREFIX + hourFolders[h].substring(0, cut + 1));
      }
      return ListingPage.last(new ArrayList<>(children), List.of());
    }
    int perHour = 60 * partitions;
    long total = (long) (last - first + 1) * perHour;
    long from = pageToken == null ? 0 : Long.parseLong(pageToken);
    long to = Math.min(total, from + PAGE);
    List<ListedObject> page = new ArrayList<>((int) (to - from));
    for (long i = from; i < to; i++) {
      int hour = first + (int) (i / perHour);
      int within = (int) (i % perHour);
      page.add(new ListedObject(key(hour, within / 60, within % 60), 120, START));
    }
    return new ListingPage(List.of(), page, to < total ? Long.toString(to) : null);
  }

  /**
   * Lists from a key as S3 ({@code start-after}) and GCS ({@code startOffset}) do: a listing from a
   * key starts there, and the keys before it cost no request. Without this the store lists from a
   * key as Azure does, having no such option: the whole listing, filtered.
   */
  GeneratedBackup listingFromAKey() {
    this.fromAKey = true;
    return this;
  }

  @Override
  public boolean listsFromAKey() {
    return fromAKey;
  }

  @Override
  public ListingPage listAfter(
      String prefix, String delimiter, String startAfter, String pageToken) {
    if (!fromAKey
        || startAfter == null
        || startAfter.isEmpty()
        || pageToken != null
        || delimiter != null) {
      // Azure-like, a later page, or folders (a few names): the listing, filtered.
      return ObjectStore.super.listAfter(prefix, delimiter, startAfter, pageToken);
    }
    // The first page of a flat listing starts at the first key after startAfter: the keys of a
    // prefix are generated in key order, so the index of that key is found by bisection.
    int[] hoursOf = hoursUnder(prefix);
    if (hoursOf == null) {
      return ObjectStore.super.listAfter(prefix, null, startAfter, null);
    }
    int perHour = 60 * partitions;
    long low = 0;
    long high = (long) (hoursOf[1] - hoursOf[0] + 1) * perHour;
    while (low < high) {
      long middle = (low + high) >>> 1;
      int hour = hoursOf[0] + (int) (middle / perHour);
      int within = (int) (middle % perHour);
      if (ObjectLister.keyOrder(key(hour, within / 60, within % 60), startAfter) <= 0) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return ObjectLister.after(list(prefix, null, Long.toString(low)), startAfter);
  }

  /** The first and last hour folder under a prefix inside the topic, or null when none. */
  private int[] hoursUnder(String prefix) {
    if (!prefix.startsWith(TOPIC_PREFIX)) {
      return null;
    }
    String relative = prefix.substring(TOPIC_PREFIX.length());
    int first = -1;
    int last = -1;
    for (int h = 0; h < hours; h++) {
      if (hourFolders[h].startsWith(relative)) {
        if (first < 0) {
          first = h;
        }
        last = h;
      }
    }
    return first < 0 ? null : new int[] {first, last};
  }

  @Override
  public InputStream open(String key) throws IOException {
    String name = key.substring(key.lastIndexOf('/') + 1);
    String[] fields = name.substring(0, name.length() - ".avro".length()).split("\\+");
    long offset = Long.parseLong(fields[2]);
    if (getLatencyMs > 0) {
      try {
        Thread.sleep(getLatencyMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while reading '" + key + "'", e);
      }
    }
    GenericRecord record = new GenericData.Record(SCHEMA);
    record.put("id", offset);
    record.put("minute", offset);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(SCHEMA))) {
      writer.create(SCHEMA, bytes);
      writer.append(record);
    }
    return new ByteArrayInputStream(bytes.toByteArray());
  }

  @Override
  public String describe() {
    return "generated://" + TOPIC;
  }

  @Override
  public void close() {}
}
