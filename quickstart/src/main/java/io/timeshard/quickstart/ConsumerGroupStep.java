package io.timeshard.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timeshard.cli.Timeshard;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;

/**
 * The last step of a recovery: {@code timeshard offsets --execute} moves the consumer group that
 * had read part of the topic to the restored topic, and a consumer of the group resumes there.
 */
final class ConsumerGroupStep {

  private static final long TIMEOUT_MS = 60_000;

  private final PrintStream out;

  ConsumerGroupStep(PrintStream out) {
    this.out = out;
  }

  /**
   * @param config the restore's connector configuration, store included
   * @param destination the topic it restored to
   * @return true when the group's first record in every partition is the one after the last it had
   *     processed
   */
  boolean run(
      String name,
      Map<String, String> config,
      String bootstrapServers,
      String destination,
      int partitions,
      int perPartition)
      throws Exception {
    Path folder = Files.createTempDirectory("timeshard-quickstart-offsets-");
    try {
      Path file = folder.resolve(name + ".json");
      Files.writeString(
          file, new ObjectMapper().writeValueAsString(Map.of("name", name, "config", config)));
      out.println();
      out.printf(
          "The consumer group '%s' had processed about a third of each partition when the backup"
              + " was taken;%n  the group offsets snapshot connector had written its positions to"
              + " timeshard.group-offsets, in the backup too.%n",
          ShoeCustomers.GROUP);
      out.println(
          "$ timeshard offsets --config "
              + file.getFileName()
              + " --bootstrap-server "
              + bootstrapServers
              + " --execute");
      int code =
          execute(
              "offsets",
              "--config",
              file.toString(),
              "--bootstrap-server",
              bootstrapServers,
              "--execute");
      if (code != Timeshard.OK) {
        out.println("timeshard offsets exited with " + code);
        return false;
      }
    } finally {
      try (var files = Files.list(folder)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(folder);
    }
    Map<Integer, ConsumerRecord<String, String>> first =
        firstRecords(bootstrapServers, destination, partitions);
    out.println();
    out.printf("The group resumes in '%s':%n", destination);
    boolean right = true;
    ObjectMapper json = new ObjectMapper();
    for (Map.Entry<Integer, ConsumerRecord<String, String>> entry : first.entrySet()) {
      int p = entry.getKey();
      long committed = ShoeCustomers.committed(p, perPartition);
      JsonNode value = json.readTree(entry.getValue().value());
      long id = value.get("id").asLong();
      boolean next = id == ShoeCustomers.id(p, committed);
      right &= next;
      out.printf(
          Locale.ROOT,
          "  partition %d: committed %d in the lost cluster; first record at restored offset %d,"
              + " customer %d (%s %s): %s%n",
          p,
          committed,
          entry.getValue().offset(),
          id,
          value.get("first_name").asText(),
          value.get("last_name").asText(),
          next ? "the one after the last it had processed" : "NOT the next one");
    }
    return right;
  }

  private static Map<Integer, ConsumerRecord<String, String>> firstRecords(
      String bootstrapServers, String topic, int partitions) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, ShoeCustomers.GROUP);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    Map<Integer, ConsumerRecord<String, String>> first = new TreeMap<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> assigned = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        assigned.add(new TopicPartition(topic, p));
      }
      consumer.assign(assigned);
      long deadline = System.currentTimeMillis() + TIMEOUT_MS;
      while (first.size() < partitions) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException(
              "The group read no record of " + (partitions - first.size()) + " partitions");
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          first.putIfAbsent(record.partition(), record);
        }
      }
    }
    return first;
  }

  private int execute(String... args) {
    CommandLine command = Timeshard.commandLine();
    PrintWriter writer =
        new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    command.setOut(writer);
    command.setErr(writer);
    int code = command.execute(args);
    writer.flush();
    return code;
  }
}
