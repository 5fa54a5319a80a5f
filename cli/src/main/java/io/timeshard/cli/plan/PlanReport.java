package io.timeshard.cli.plan;

import static io.timeshard.cli.text.TextTable.count;
import static io.timeshard.cli.text.TextTable.duration;

import io.timeshard.cli.config.RestoreSetup;
import io.timeshard.cli.text.TextTable;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.PlanStats;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.split.StreamWeight;
import io.timeshard.partitioner.split.TaskAssignment;
import io.timeshard.partitioner.split.TaskSplitter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * What a restore configuration will restore: per partition, the objects the connector plans; the
 * tasks it assigns them to; what listing cost; and an estimate of the restore's duration.
 *
 * @param listMillis how long the connector's listing took from here
 * @param windowlessListCalls LIST calls of the second listing, without the window, that counted the
 *     objects it prunes; 0 when there was none
 */
public record PlanReport(
    String connector,
    String store,
    String topics,
    String window,
    int tasksMax,
    List<PartitionSummary> partitions,
    List<TaskPlan> tasks,
    PlanStats stats,
    long listMillis,
    long windowlessListCalls,
    Estimate estimate,
    boolean createsTopics,
    List<DestinationTopic> destinationTopics) {

  /** One task's share: the partitions the connector's splitter gives it. */
  public record TaskPlan(int task, List<String> partitions, long objects, long bytes) {}

  /**
   * The estimated duration: the busiest task's splitter cost times the seconds per unit of cost
   * that the sampled reads took, divided by the reads a task overlaps.
   *
   * @param seconds the estimate; -1 when nothing could be sampled
   * @param estimatedRecords the plan's bytes times the sample's records per byte
   */
  public record Estimate(
      ReadSample sample,
      int fetchConcurrency,
      long busiestTaskCost,
      double seconds,
      long estimatedRecords,
      List<String> assumptions) {}

  public static final List<String> ASSUMPTIONS =
      List.of(
          "reads from the workers take as long as the sampled reads took from here;",
          "a task overlaps restore.fetch.concurrency reads fully, and its worker's CPU, the"
              + " producer, the brokers and store throttling do not hold it back;",
          "tasks run at the same time, each on its own core;",
          "objects not sampled cost what the sampled ones did per unit of the splitter's weight"
              + " (bytes + 256 KiB per object);",
          "records that restore.timestamp.field drops are read all the same and count.");

  public static PlanReport build(
      RestoreSetup setup, int tasksMax, boolean countPruned, int sampleSize) {
    return build(setup, tasksMax, countPruned, sampleSize, false);
  }

  /**
   * @param checkDestination ask the destination cluster (target.cluster.*) which destination topics
   *     exist
   */
  public static PlanReport build(
      RestoreSetup setup,
      int tasksMax,
      boolean countPruned,
      int sampleSize,
      boolean checkDestination) {
    long started = System.nanoTime();
    RestorePlan plan = setup.plan();
    long listMillis = (System.nanoTime() - started) / 1_000_000;

    Map<TopicPartition, Long> pruned = new HashMap<>();
    Map<TopicPartition, PartitionSummary> rows =
        new TreeMap<>(
            Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition));
    long windowlessListCalls = 0;
    boolean windowed = !setup.config().window().isAll();
    RestorePlan everything = null;
    if (countPruned && windowed) {
      everything = setup.planWithoutWindow();
      windowlessListCalls = everything.stats().listCalls();
      Map<TopicPartition, Integer> planned = new HashMap<>();
      plan.streams().forEach(s -> planned.put(s.topicPartition(), s.objects().size()));
      for (PartitionStream stream : everything.streams()) {
        TopicPartition tp = stream.topicPartition();
        long all = stream.objects().size();
        pruned.put(tp, Math.max(0, all - planned.getOrDefault(tp, 0)));
        if (!planned.containsKey(tp)) {
          rows.put(tp, PartitionSummary.empty(tp.topic(), tp.partition(), all));
        }
      }
    }
    for (PartitionStream stream : plan.streams()) {
      long prunedObjects =
          !windowed ? 0 : countPruned ? pruned.getOrDefault(stream.topicPartition(), 0L) : -1;
      rows.put(stream.topicPartition(), PartitionSummary.of(stream, prunedObjects));
    }

    List<StreamWeight> weights = plan.streams().stream().map(StreamWeight::of).toList();
    List<TaskAssignment> assignments = TaskSplitter.split(weights, tasksMax);
    Map<TopicPartition, StreamWeight> byPartition = new HashMap<>();
    weights.forEach(w -> byPartition.put(w.topicPartition(), w));
    List<TaskPlan> tasks = new ArrayList<>();
    long busiest = 0;
    for (int task = 0; task < assignments.size(); task++) {
      TaskAssignment assignment = assignments.get(task);
      long objects = 0;
      long bytes = 0;
      List<String> names = new ArrayList<>();
      for (TopicPartition tp : assignment.partitions()) {
        StreamWeight weight = byPartition.get(tp);
        objects += weight.objects();
        bytes += weight.bytes();
        names.add(tp.toString());
      }
      tasks.add(new TaskPlan(task, names, objects, bytes));
      busiest = Math.max(busiest, assignment.cost());
    }

    ReadSample sample = ReadSample.take(plan.streams(), setup.decoder(), sampleSize);
    int concurrency = setup.config().fetchConcurrency();
    double seconds =
        sample.objects() == 0
            ? (plan.isEmpty() ? 0 : -1)
            : busiest * sample.secondsPerCost() / concurrency;
    long plannedBytes = weights.stream().mapToLong(StreamWeight::bytes).sum();
    long records = Math.round(plannedBytes * sample.recordsPerByte());
    Estimate estimate = new Estimate(sample, concurrency, busiest, seconds, records, ASSUMPTIONS);

    return new PlanReport(
        setup.name(),
        setup.describeStore(),
        setup.config().topicFilter().toString(),
        windowed ? setup.config().window().toString() : "none (everything)",
        tasksMax,
        new ArrayList<>(rows.values()),
        tasks,
        plan.stats(),
        listMillis,
        windowlessListCalls,
        estimate,
        setup.config().topicCreation().isPresent(),
        DestinationTopic.of(
            setup.config(),
            setup.props(),
            plan,
            java.util.Optional.ofNullable(everything),
            checkDestination));
  }

  public long objects() {
    return partitions.stream().mapToLong(PartitionSummary::objects).sum();
  }

  public long bytes() {
    return partitions.stream().mapToLong(PartitionSummary::bytes).sum();
  }

  /** The plan as text tables. */
  public String toText() {
    StringBuilder text = new StringBuilder();
    text.append(String.format("Restore '%s' from %s%n", connector, store));
    text.append(String.format("Topics: %s; window: %s%n", topics, window));
    text.append(
        String.format(
            Locale.ROOT,
            "Listed as the connector lists it in %,d ms: %s%n",
            listMillis,
            describe(stats)));
    if (windowlessListCalls > 0) {
      text.append(
          String.format(
              Locale.ROOT,
              "Counting the objects the window prunes took another listing without the window:"
                  + " %,d LIST calls%n",
              windowlessListCalls));
    }
    text.append('\n');
    TextTable table =
        new TextTable(
            "topic",
            ">partition",
            ">objects",
            ">bytes",
            "first folder",
            "last folder",
            ">first start offset",
            ">last start offset",
            ">pruned by window");
    for (PartitionSummary p : partitions) {
      table.row(
          p.topic(),
          p.partition(),
          count(p.objects()),
          TextTable.bytes(p.bytes()),
          p.firstFolder(),
          p.lastFolder(),
          p.firstStartOffset() < 0 ? "" : p.firstStartOffset(),
          p.lastStartOffset() < 0 ? "" : p.lastStartOffset(),
          p.prunedByWindow() < 0 ? "not counted" : count(p.prunedByWindow()));
    }
    long pruned = partitions.stream().mapToLong(p -> Math.max(0, p.prunedByWindow())).sum();
    table.row("all", "", count(objects()), TextTable.bytes(bytes()), "", "", "", "", count(pruned));
    text.append(table);
    text.append('\n');
    text.append(
        String.format(
            "Tasks (tasks.max=%d): %d, as the connector's splitter assigns them%n",
            tasksMax, tasks.size()));
    TextTable taskTable = new TextTable(">task", ">objects", ">bytes", "partitions");
    for (TaskPlan task : tasks) {
      taskTable.row(
          task.task(),
          count(task.objects()),
          TextTable.bytes(task.bytes()),
          String.join(", ", task.partitions()));
    }
    text.append(taskTable);
    text.append('\n');
    text.append(estimateText());
    text.append('\n');
    text.append(destinationText());
    return text.toString();
  }

  private String destinationText() {
    StringBuilder text = new StringBuilder();
    text.append(
        createsTopics
            ? "Destination topics (target.topic.create=true: the connector creates the missing"
                + " ones with these partitions):\n"
            : "Destination topics (must exist with at least these partitions; target.topic.create"
                + "=true creates the missing ones):\n");
    TextTable table = new TextTable("topic", ">partitions", "state");
    for (DestinationTopic topic : destinationTopics) {
      table.row(
          topic.topic(),
          topic.partitions(),
          switch (topic.state()) {
            case "exists" -> "exists";
            case "create" -> "missing: the connector creates it";
            case "missing" -> "missing: the restore fails until it is created";
            default -> "not checked (--check-destination)";
          });
    }
    text.append(table);
    for (DestinationTopic topic : destinationTopics) {
      if (topic.partitionsInBackup() > topic.partitions()) {
        text.append(
            String.format(
                "Warning: the backup holds %d partitions of %s outside the window, %d inside"
                    + " it; create it with %d.%n",
                topic.partitionsInBackup(),
                topic.topic(),
                topic.partitions(),
                topic.partitionsInBackup()));
      }
    }
    text.append(
        "A backup shows no partition whose records never reached it: if a lost topic had more"
            + " partitions than shown, create it with its own count.\n");
    return text.toString();
  }

  /** The {@code kafka-topics.sh --create} lines of the destination topics. */
  public String kafkaTopicsText(boolean onlyMissing) {
    StringBuilder text = new StringBuilder();
    for (DestinationTopic topic : destinationTopics) {
      if (!onlyMissing || !topic.state().equals("exists")) {
        text.append(topic.createCommand()).append('\n');
      }
    }
    return text.toString();
  }

  private String estimateText() {
    ReadSample sample = estimate.sample();
    if (partitions.stream().allMatch(p -> p.objects() == 0)) {
      return "Estimate: nothing to restore.\n";
    }
    if (sample.objects() == 0) {
      return "Estimate: none, no object was sampled (--sample 0).\n";
    }
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Estimated restore time: %s; about %s records%n",
            duration(estimate.seconds()),
            count(estimate.estimatedRecords())));
    text.append(
        String.format(
            Locale.ROOT,
            "  Sampled: %d objects read and decoded here one after another, %s, %s records, in"
                + " %s (%.3f s an object)%n",
            sample.objects(),
            TextTable.bytes(sample.bytes()),
            count(sample.records()),
            duration(sample.seconds()),
            sample.seconds() / sample.objects()));
    text.append(
        String.format(
            Locale.ROOT,
            "  Computed: the busiest task's weight (%s = its bytes + 256 KiB per object) x the"
                + " sample's seconds per unit of weight / restore.fetch.concurrency (%d)%n",
            TextTable.bytes(estimate.busiestTaskCost()),
            estimate.fetchConcurrency()));
    text.append(
        "  Records: the plan's bytes x the sample's records per byte, an estimate as well\n");
    text.append("  It assumes that:\n");
    for (String assumption : estimate.assumptions()) {
      text.append("    - ").append(assumption).append('\n');
    }
    return text.toString();
  }

  /**
   * Every counter of the listing's {@link PlanStats}, by name, so that counters added to it show up
   * here without a change.
   */
  static String describe(PlanStats stats) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Object> counter : counters(stats).entrySet()) {
      parts.add(counter.getKey() + " " + counter.getValue());
    }
    return String.join(", ", parts);
  }

  static Map<String, Object> counters(PlanStats stats) {
    Map<String, Object> counters = new LinkedHashMap<>();
    for (RecordComponent component : PlanStats.class.getRecordComponents()) {
      try {
        counters.put(words(component.getName()), component.getAccessor().invoke(stats));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Cannot read PlanStats." + component.getName(), e);
      }
    }
    return counters;
  }

  /** {@code listCalls} as {@code LIST calls}, {@code foldersPruned} as {@code folders pruned}. */
  private static String words(String camel) {
    String spaced = camel.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    return spaced.startsWith("list ") ? "LIST" + spaced.substring(4) : spaced;
  }
}
