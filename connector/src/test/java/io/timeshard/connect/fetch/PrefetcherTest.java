package io.timeshard.connect.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.format.json.JsonRecordFormat;
import io.timeshard.connect.restore.BackupRecord;
import io.timeshard.connect.restore.ObjectDecoder;
import io.timeshard.connect.store.file.FileObjectStore;
import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.key.ExtensionTable;
import io.timeshard.partitioner.key.KeyParse;
import io.timeshard.partitioner.key.ObjectKeyParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefetcherTest {

  private static final ObjectKeyParser PARSER =
      new ObjectKeyParser("topics", "/", ExtensionTable.standard());
  private static final TopicPartition TP = new TopicPartition("t", 0);

  @TempDir Path root;

  private List<BackupObject> write(int count) throws IOException {
    List<BackupObject> objects = new ArrayList<>();
    for (int offset = 0; offset < count; offset++) {
      String key = String.format("topics/t/partition=0/t+0+%010d.json", offset);
      byte[] bytes = ("{\"id\":" + offset + "}\n").getBytes(StandardCharsets.UTF_8);
      Path file = root.resolve(key);
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
      objects.add(
          new BackupObject(
              ((KeyParse.Parsed) PARSER.parse(key)).key(),
              bytes.length,
              Optional.empty(),
              Optional.empty(),
              Optional.empty()));
    }
    return objects;
  }

  @Test
  void readsReuseThreadsUpToTheLimitRatherThanOnePerReadUpToTheMost() throws Exception {
    List<BackupObject> objects = write(200);
    ObjectDecoder decoder =
        new ObjectDecoder(
            new FileObjectStore(root),
            format -> new JsonRecordFormat(false),
            Function.identity(),
            key -> null);
    AdaptiveConcurrency concurrency = new AdaptiveConcurrency(2, 64, () -> true);
    try (Prefetcher prefetcher =
        new Prefetcher(decoder, concurrency, 256L * 1024 * 1024, "prefetcher-test")) {
      prefetcher.add(TP, objects, 0);
      // Nothing is taken until every object is read: no read is late, the limit stays at 2.
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (prefetcher.inFlight() > 0 && System.nanoTime() < deadline) {
        prefetcher.awaitChange(prefetcher.changes(), 100);
      }
      assertThat(prefetcher.inFlight()).isZero();
      assertThat(concurrency.limit()).isEqualTo(2);
      assertThat(prefetcher.threads()).isLessThanOrEqualTo(2);

      List<BackupRecord> records = new ArrayList<>();
      for (ObjectBuffer head = prefetcher.head(TP); head != null; ) {
        head.drainTo(records, Integer.MAX_VALUE);
        assertThat(head.isDrained()).isTrue();
        head = prefetcher.advance(TP);
      }
      assertThat(records).hasSize(200);
      for (int i = 0; i < 200; i++) {
        assertThat(records.get(i).value().value().toString()).isEqualTo("{id=" + i + "}");
      }
    }
  }
}
