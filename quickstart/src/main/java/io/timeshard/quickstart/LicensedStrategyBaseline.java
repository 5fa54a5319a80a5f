package io.timeshard.quickstart;

import io.timeshard.connect.format.RecordReader;
import io.timeshard.connect.format.avro.AvroRecordFormat;
import io.timeshard.connect.store.ObjectStore;
import io.timeshard.partitioner.key.Compression;
import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.listing.ListingPage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * The licensed restore connectors' strategy for a time-based backup (docs: backup-layout.md), as a
 * plain loop: one worker for the whole topic; time folders walked in string order; inside each, the
 * objects in string order of their keys (partition 0, 1, 10, 2, ...); for every object a listing of
 * its folder (all pages) to find it, then a GET; one object at a time, its records produced before
 * the next object is listed.
 *
 * <p>A loop rather than a Connect task: it leaves out Connect's per-poll work and offset commits,
 * so it is if anything faster than the connector it stands for, and the speed-ups measured against
 * it are lower bounds.
 */
public final class LicensedStrategyBaseline {

  /** What a run did: objects and records read, and the calls it sent. */
  public record Result(long objects, long records, double seconds, long listCalls, long getCalls) {}

  private final ObjectStore store;
  private final KafkaProducer<byte[], byte[]> producer;
  private final String destination;
  private final JsonConverter converter = new JsonConverter();
  private final AvroRecordFormat avro = new AvroRecordFormat();
  private long listCalls;
  private long getCalls;
  private long objects;
  private long records;

  /**
   * @param producer where records go, or {@code null} to read them only
   */
  public LicensedStrategyBaseline(
      ObjectStore store, KafkaProducer<byte[], byte[]> producer, String destination) {
    this.store = store;
    this.producer = producer;
    this.destination = destination;
    converter.configure(Map.of("schemas.enable", "false"), false);
  }

  /**
   * Restores the topic under {@code topicPrefix} ({@code topics/<topic>/}), stopping after {@code
   * maxObjects} objects.
   */
  public Result run(String topicPrefix, long maxObjects) throws IOException {
    long started = System.nanoTime();
    walk(topicPrefix, maxObjects);
    if (producer != null) {
      producer.flush();
    }
    return new Result(objects, records, (System.nanoTime() - started) / 1e9, listCalls, getCalls);
  }

  /**
   * The LIST calls a full restore of the topic under {@code topicPrefix} sends, counted without
   * reading an object: every folder listed once as it is walked, then once more for every object in
   * it.
   */
  public long fullScanListCalls(String topicPrefix) {
    List<String> folders = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    long before = listCalls;
    list(topicPrefix, folders, keys);
    long pages = listCalls - before;
    long calls = pages + keys.size() * pages;
    for (String folder : folders) {
      calls += fullScanListCalls(folder);
    }
    return calls;
  }

  /** Returns false once {@code maxObjects} objects are done. */
  private boolean walk(String folder, long maxObjects) throws IOException {
    List<String> subfolders = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    list(folder, subfolders, keys);
    subfolders.sort(null);
    keys.sort(null);
    for (String key : keys) {
      if (objects >= maxObjects) {
        return false;
      }
      // The object is found again in a listing of its folder before it is read.
      list(folder, new ArrayList<>(), new ArrayList<>());
      restore(key);
    }
    for (String subfolder : subfolders) {
      if (!walk(subfolder, maxObjects)) {
        return false;
      }
    }
    return true;
  }

  private void list(String prefix, List<String> folders, List<String> keys) {
    String token = null;
    do {
      ListingPage page = store.list(prefix, "/", token);
      listCalls++;
      folders.addAll(page.commonPrefixes());
      for (ListedObject object : page.objects()) {
        keys.add(object.key());
      }
      token = page.nextPageToken();
    } while (token != null);
  }

  private void restore(String key) throws IOException {
    String file = key.substring(key.lastIndexOf('/') + 1);
    String[] fields = file.split("\\+");
    int partition = Integer.parseInt(fields[fields.length - 2]);
    getCalls++;
    try (RecordReader reader = avro.open(store.open(key), Compression.NONE)) {
      for (SchemaAndValue record = reader.next(); record != null; record = reader.next()) {
        if (producer != null) {
          byte[] value = converter.fromConnectData(destination, record.schema(), record.value());
          producer.send(new ProducerRecord<>(destination, partition, null, value));
        }
        records++;
      }
    }
    objects++;
  }
}
