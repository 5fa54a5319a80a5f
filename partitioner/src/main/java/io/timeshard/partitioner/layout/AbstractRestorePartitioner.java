package io.timeshard.partitioner.layout;

import io.timeshard.partitioner.AssignedPartitions;
import io.timeshard.partitioner.PartitionerConfig;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.RestorePartitioner;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.WatchWindow;
import io.timeshard.partitioner.key.ObjectKey;
import io.timeshard.partitioner.key.ObjectKeyParser;
import io.timeshard.partitioner.listing.ObjectLister;
import io.timeshard.partitioner.time.TimeInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every layout shares: finding the topic folders, parsing keys, grouping objects into streams.
 * A layout decides only how to list inside one topic's folder.
 */
public abstract class AbstractRestorePartitioner implements RestorePartitioner {

  private static final Logger log = LoggerFactory.getLogger(AbstractRestorePartitioner.class);

  private ObjectKeyParser parser;
  private int listConcurrency = PartitionerConfig.LIST_CONCURRENCY_DEFAULT;

  @Override
  public void configure(Map<String, ?> configs) {
    PartitionerConfig config = new PartitionerConfig(configs);
    this.parser = config.keyParser();
    this.listConcurrency = config.listConcurrency();
    configureLayout(config);
  }

  /** Reads the layout's own keys. */
  protected void configureLayout(PartitionerConfig config) {}

  protected ObjectKeyParser parser() {
    if (parser == null) {
      throw new IllegalStateException(getClass().getSimpleName() + " is not configured");
    }
    return parser;
  }

  @Override
  public RestorePlan plan(ObjectLister lister, PlanRequest request) {
    long started = System.nanoTime();
    PlanAssembler assembler = new PlanAssembler(parser(), request, this::bucketOf);
    long pruned = 0;
    long calls;
    try (Listing listing = new Listing(lister, listConcurrency)) {
      // Topic by topic; inside a topic, independent folders are listed at once.
      for (String topic : topics(listing, request)) {
        pruned += collectTopic(listing, topic, request, assembler);
      }
      calls = listing.calls();
    }
    RestorePlan plan = assembler.build(calls, pruned);
    log.debug(
        "Planned {} partition streams, {} objects, {} bytes in {} ms: {}",
        plan.streams().size(),
        plan.objectCount(),
        plan.bytes(),
        (System.nanoTime() - started) / 1_000_000,
        plan.stats());
    return plan;
  }

  /**
   * Looks for new objects after a first plan, listing only where they can appear (see {@link
   * #refreshTopic}); the plan holds what that listing found, for the window {@code watch.next()}.
   */
  @Override
  public RestorePlan refresh(ObjectLister lister, PlanRequest request, WatchWindow watch) {
    long started = System.nanoTime();
    PlanRequest windowed = request.withWindow(watch.next());
    PlanAssembler assembler = new PlanAssembler(parser(), windowed, this::bucketOf);
    long pruned = 0;
    long calls;
    try (Listing listing = new Listing(lister, listConcurrency)) {
      for (String topic : topics(listing, windowed)) {
        pruned += refreshTopic(listing, topic, windowed, watch, assembler);
      }
      calls = listing.calls();
    }
    RestorePlan plan = assembler.build(calls, pruned);
    log.debug(
        "Refreshed {} partition streams, {} objects in {} ms: {}",
        plan.streams().size(),
        plan.objectCount(),
        (System.nanoTime() - started) / 1_000_000,
        plan.stats());
    return plan;
  }

  /**
   * Lists one topic's folder where new objects can appear after the plans {@code watch} saw, and
   * hands the objects found to the assembler; the default lists the request's window as a first
   * plan does. No object may be handed over twice.
   *
   * @param request the request, its window already {@code watch.next()}
   * @return how many folders were pruned without being listed
   */
  protected long refreshTopic(
      Listing listing,
      String topic,
      PlanRequest request,
      WatchWindow watch,
      PlanAssembler assembler) {
    return collectTopic(listing, topic, request, assembler);
  }

  /**
   * Lists one topic's folder for a request and hands every object found to the assembler; layouts
   * that can list less for a task's own partitions override this.
   *
   * @return how many folders were pruned without being listed
   */
  protected long collectTopic(
      Listing listing, String topic, PlanRequest request, PlanAssembler assembler) {
    return collectTopic(listing, parser().topicPrefix(topic), request.window(), assembler);
  }

  /**
   * Lists one topic's folder and hands every object found to the assembler.
   *
   * @return how many folders were pruned without being listed
   */
  protected abstract long collectTopic(
      Listing listing, String topicPrefix, TimeInterval window, PlanAssembler assembler);

  /** The instants an object's folder covers; layouts without time folders have none. */
  protected Optional<TimeInterval> bucketOf(ObjectKey key) {
    return Optional.empty();
  }

  private List<String> topics(Listing listing, PlanRequest request) {
    if (request.partitions() instanceof AssignedPartitions assigned) {
      // A task knows its topics: no need to list the topic folders.
      return new ArrayList<>(
          new TreeSet<>(assigned.topics().stream().filter(request.topics()::test).toList()));
    }
    if (request.topics().names().isPresent()) {
      return new ArrayList<>(new TreeSet<>(request.topics().names().get()));
    }
    String topicsPrefix = parser().topicsPrefix();
    String delim = parser().delimiter();
    List<String> topics = new ArrayList<>();
    for (String folder : listing.list(topicsPrefix, delim, object -> {})) {
      String topic = folder.substring(topicsPrefix.length());
      if (topic.endsWith(delim)) {
        topic = topic.substring(0, topic.length() - delim.length());
      }
      if (!topic.isEmpty() && request.topics().test(topic)) {
        topics.add(topic);
      }
    }
    topics.sort(null);
    return topics;
  }

  /** Lists every object under a prefix, in as few pages as the store allows. */
  protected static void listAll(Listing listing, String prefix, PlanAssembler assembler) {
    listing.list(prefix, null, assembler::accept);
  }
}
