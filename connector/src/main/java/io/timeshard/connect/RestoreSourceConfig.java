package io.timeshard.connect;

import io.timeshard.connect.config.RestoreWindowParser;
import io.timeshard.connect.format.FormatConfig;
import io.timeshard.connect.plan.TopicCreation;
import io.timeshard.connect.restore.OriginHeader;
import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.ObjectStores;
import io.timeshard.partitioner.LastModifiedPruning;
import io.timeshard.partitioner.PartitionerConfig;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.TopicFilter;
import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.time.TimeInterval;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The restore connector's configuration: the sink's layout keys that users bring, the store, the
 * format, and the restore's own keys.
 */
public class RestoreSourceConfig extends AbstractConfig {

  // ---- Store ----
  public static final String STORE_GROUP = "Store";

  public static final String STORE_TYPE_CONFIG = ObjectStores.STORE_TYPE_CONFIG;
  private static final String STORE_TYPE_DOC =
      "Which store holds the backup. With 'auto' it follows from the keys that are set:"
          + " store.url=file:///path for a local folder, azblob.container.name, gcs.bucket.name or"
          + " s3.bucket.name.";

  public static final String STORE_URL_CONFIG = "store.url";
  private static final String STORE_URL_DOC =
      "file:///absolute/path reads the backup from a folder of the worker's file system. For S3"
          + " this is the endpoint (as in the S3 connectors), e.g. http://127.0.0.1:9000.";

  // ---- Restore ----
  public static final String RESTORE_GROUP = "Restore";

  public static final String MODE_CONFIG = "mode";
  public static final String MODE_RESTORE_BACKUP = "RESTORE_BACKUP";
  private static final String MODE_DOC =
      "The restore connectors' mode. RESTORE_BACKUP, the only one, writes each record back to the"
          + " topic and Kafka partition it was backed up from.";

  public static final String TOPICS_CONFIG = "restore.topics";
  private static final String TOPICS_DOC =
      "The topics to restore, by name. Empty (the default) restores every topic of the backup,"
          + " or those restore.topics.regex matches.";

  public static final String TOPICS_REGEX_CONFIG = "restore.topics.regex";
  private static final String TOPICS_REGEX_DOC =
      "A Java regex that topic names must match as a whole to be restored. Ignored when"
          + " restore.topics is set.";

  public static final String RESTORE_START_CONFIG = "restore.start";
  private static final String RESTORE_START_DOC =
      "Start of the restore window, inclusive: "
          + RestoreWindowParser.accepted()
          + ". Time folders that end before it are never listed. Empty: from the beginning.";

  public static final String RESTORE_END_CONFIG = "restore.end";
  private static final String RESTORE_END_DOC =
      "End of the restore window, exclusive, in the same forms as restore.start. Time folders"
          + " that start at or after it are never listed. Empty: to the end.";

  public static final String RESTORE_TIMEZONE_CONFIG = "restore.timezone";
  public static final String RESTORE_TIMEZONE_DEFAULT = "UTC";
  private static final String RESTORE_TIMEZONE_DOC =
      "The time zone of restore.start and restore.end when they carry no offset.";

  public static final String TIMESTAMP_FIELD_CONFIG = "restore.timestamp.field";
  private static final String TIMESTAMP_FIELD_DOC =
      "A value field holding each record's time (epoch milliseconds, a Connect Timestamp or an"
          + " ISO-8601 string), such as the event_timestamp that InsertField added at backup time."
          + " When set with a window, records outside the window are dropped in the task, before"
          + " they are produced. Dots reach nested fields (meta.ts).";

  public static final String TIMESTAMP_MODE_CONFIG = "restore.record.timestamp";
  public static final String TIMESTAMP_MODE_NONE = "none";
  public static final String TIMESTAMP_MODE_FIELD = "field";
  private static final String TIMESTAMP_MODE_DOC =
      "The timestamp of restored records. 'none' (the default) leaves it to the producer, which"
          + " stamps the time of the restore: the sinks do not store the original timestamp."
          + " 'field' takes it from restore.timestamp.field.";

  public static final String LAST_MODIFIED_PRUNING_CONFIG = "restore.last.modified.pruning";
  public static final boolean LAST_MODIFIED_PRUNING_DEFAULT = true;
  private static final String LAST_MODIFIED_PRUNING_DOC =
      "With restore.start set, never read an object that the store lists as last modified before"
          + " restore.start less restore.last.modified.tolerance.ms, in any layout: the sink"
          + " uploaded it after every record in it was produced, so it holds none of the window."
          + " Such objects are counted in the plan's log line. Objects without a date, and S3"
          + " objects of 5 MiB or more (S3 dates a multipart upload by its start), are always"
          + " read. Turn it off when records carry times later than their produce time: a"
          + " business time in restore.timestamp.field or in the sink's timestamp.field, or"
          + " producers whose clocks run ahead of the store's by more than the tolerance. A"
          + " copied backup only has later times, which skips less and never loses a record."
          + " Nothing is skipped by restore.end: an object uploaded after the window can hold"
          + " records of it.";

  public static final String LAST_MODIFIED_TOLERANCE_MS_CONFIG =
      "restore.last.modified.tolerance.ms";
  public static final long LAST_MODIFIED_TOLERANCE_MS_DEFAULT = 5 * 60_000L;
  private static final String LAST_MODIFIED_TOLERANCE_MS_DOC =
      "How far before restore.start an object may have been last modified and still be read:"
          + " the clock skew allowed between the producers and the store.";

  public static final String BATCH_MAX_SIZE_CONFIG = "record.batch.max.size";
  public static final int BATCH_MAX_SIZE_DEFAULT = 200;
  private static final String BATCH_MAX_SIZE_DOC =
      "The most records a task hands to Connect in one poll.";

  public static final String BEHAVIOR_ON_ERROR_CONFIG = "behavior.on.error";
  public static final String BEHAVIOR_FAIL = "fail";
  public static final String BEHAVIOR_IGNORE = "ignore";
  private static final String BEHAVIOR_ON_ERROR_DOC =
      "What a corrupt or truncated object does. 'fail' stops the task with a message naming the"
          + " object key and record index. 'ignore' logs it, counts it, skips the rest of that"
          + " object and goes on.";

  public static final String POLL_INTERVAL_MS_CONFIG = "restore.poll.interval.ms";
  public static final long POLL_INTERVAL_MS_DEFAULT = 60_000L;
  private static final String POLL_INTERVAL_MS_DOC =
      "Once everything planned is restored, how often each task looks for new objects: those"
          + " of its partitions, and new partitions and topics that fall to it, which it restores;"
          + " the tasks are never reassigned. A task with no partition yet looks as often.";

  public static final String WATCH_CONFIG = "restore.watch";
  public static final boolean WATCH_DEFAULT = true;
  private static final String WATCH_DOC =
      "Whether to keep watching the backup for new objects once everything planned is restored."
          + " 'true' (the default) looks again every restore.poll.interval.ms, listing only where"
          + " new objects can appear. 'false' makes the restore one-shot: the connector lists the"
          + " backup once, and a task that has restored all its streams sends no further LIST"
          + " request.";

  public static final String WATCH_LOOKBACK_MS_CONFIG = "restore.watch.lookback.ms";
  public static final long WATCH_LOOKBACK_MS_DEFAULT = 60 * 60 * 1000L;
  private static final String WATCH_LOOKBACK_MS_DOC =
      "Time-based layouts: after the first plan, a look for new objects lists only the time"
          + " folders from the newest one seen, less this look-back, to the end of the restore"
          + " window; older folders are not listed again. A file the sink writes later than this"
          + " into an older folder is not found by a running restore (restart the connector and"
          + " its tasks to plan everything again). Where the store lists from a key (S3, GCS)"
          + " and path.format sorts by time (fixed-width numbers, the year first), that is one"
          + " listing of the topic folder and one flat listing from the look-back's folder. The"
          + " default layout lists each partition folder after the last key seen there (S3, GCS)"
          + " or whole (Azure, a local folder); the field layout lists the whole backup again.";

  public static final String ORIGIN_HEADER_CONFIG = "restore.origin.header";
  public static final String ORIGIN_HEADER_DEFAULT = OriginHeader.DEFAULT_NAME;
  private static final String ORIGIN_HEADER_DOC =
      "The header each restored record gets naming its place in the backup, '<start>:<index>'"
          + " (':last' added on an object's last record): the start offset of its object, which"
          + " is the original Kafka offset of the object's first record, and its index in the"
          + " object. 'timeshard offsets' maps the consumer groups' original offsets to restored"
          + " ones with it, days after the restore, whatever the restarts, exactly-once or window;"
          + " 'timeshard verify' leaves it out of the comparison. Empty: no header (offsets cannot"
          + " be mapped).";

  // ---- Performance ----
  public static final String PERFORMANCE_GROUP = "Performance";

  public static final String FETCH_CONCURRENCY_CONFIG = "restore.fetch.concurrency";
  public static final int FETCH_CONCURRENCY_DEFAULT = 128;
  private static final String FETCH_CONCURRENCY_DOC =
      "The most objects a task fetches and decodes at once, ahead of the records it produces. A"
          + " task starts with 8 reads in flight and adds more while its poll waits on reads,"
          + " memory (restore.buffer.max.bytes) allows and the worker's cores are not all busy,"
          + " enough to hide the store's latency; it halves them when the store throttles (HTTP"
          + " 429 or 503, Azure's ServerBusy). Lower it to cap the requests a task sends at once.";

  public static final String FETCH_WORKER_CONCURRENCY_CONFIG =
      ObjectStores.FETCH_WORKER_CONCURRENCY_CONFIG;
  public static final int FETCH_WORKER_CONCURRENCY_DEFAULT =
      ObjectStores.FETCH_WORKER_CONCURRENCY_DEFAULT;
  private static final String FETCH_WORKER_CONCURRENCY_DOC =
      "The most objects all the tasks of one worker fetch at once from one store endpoint (an"
          + " Azure storage account, an S3 endpoint, GCS), whatever tasks.max is: the tasks of a"
          + " worker share this bound, and the Azure client's connection pool of the worker is"
          + " this large. Each task still keeps at most restore.fetch.concurrency reads in flight."
          + " A throttling answer (HTTP 429, 503) halves the bound and every task's read-ahead; a"
          + " failed attempt (HTTP 500, 502, 504, a reset connection, a timeout) lowers the bound"
          + " by a quarter; successful reads raise it back. The highest value among the"
          + " connectors of a worker reading the same endpoint applies.";

  public static final String STORE_UNAVAILABLE_TIMEOUT_CONFIG =
      "restore.store.unavailable.timeout.ms";
  public static final long STORE_UNAVAILABLE_TIMEOUT_DEFAULT = 10 * 60 * 1000L;
  private static final String STORE_UNAVAILABLE_TIMEOUT_DOC =
      "How long, in milliseconds, reads from the store may keep failing, with no read of the"
          + " worker from that store succeeding, before a task fails: the store is then taken to"
          + " be gone. Until then a read that fails for a reason that may pass (throttling,"
          + " server errors, reset or refused connections, timeouts), also after the store"
          + " client's own retries, slows the worker's reads down and is tried again from the"
          + " record it reached, with the store's retry back-off. A refused request (403), an"
          + " object that is gone and bytes that do not decode fail at once.";

  public static final String TASK_RESTARTS_MAX_CONFIG = "restore.task.restarts.max";
  public static final int TASK_RESTARTS_MAX_DEFAULT = 3;
  private static final String TASK_RESTARTS_MAX_DOC =
      "How many times in a row a task restarts by itself after the store was unavailable for"
          + " restore.store.unavailable.timeout.ms, before it fails and waits for an operator. A"
          + " restart closes the task's store client and reads, waits"
          + " restore.task.restart.backoff.ms (doubling with each restart in a row), opens them"
          + " anew and goes on from the last record the task handed to Connect. An object restored"
          + " after a restart starts the count again. The reason is logged at WARN and carried in"
          + " the source offsets (task_restarts, task_restart_reason), where timeshard status"
          + " shows it. 0 fails the task at once.";

  public static final String TASK_RESTART_BACKOFF_CONFIG = "restore.task.restart.backoff.ms";
  public static final long TASK_RESTART_BACKOFF_DEFAULT = 60_000;
  private static final String TASK_RESTART_BACKOFF_DOC =
      "How long a task waits before its first restart by itself, in milliseconds; each further"
          + " restart in a row waits twice as long.";

  private static final String LIST_CONCURRENCY_DOC =
      "How many folder listings the connector and each task send at once while planning: the"
          + " time folders of a time-based layout and the partition folders of the default and"
          + " field layouts are listed independently of each other. While a level of a"
          + " time-based tree has fewer folders than this, a folder whose subfolders hold a page"
          + " of keys or more is listed one level down rather than flat, so that this many"
          + " listings run at once: a few more LIST requests (241 instead of 202 for a million"
          + " objects in hour folders) for a plan that waits on far fewer pages in a row. 1 lists"
          + " every folder inside the restore window flat, one at a time.";

  public static final String BUFFER_MAX_BYTES_CONFIG = "restore.buffer.max.bytes";
  public static final long BUFFER_MAX_BYTES_DEFAULT = 64L * 1024 * 1024;
  private static final String BUFFER_MAX_BYTES_DOC =
      "The most memory a task holds in records fetched and decoded ahead, counted as the heap"
          + " the decoded records take (several times their bytes in the object). Small objects"
          + " are fetched whole ahead; a larger one is streamed, decoded at most 1 MiB (or a"
          + " quarter of this cap, if less) ahead of the records produced, so one huge object"
          + " never breaks the cap and records do not wait long in the heap.";

  // ---- Destination check ----
  public static final String DESTINATION_GROUP = "Destination check";

  public static final String TARGET_PREFIX = "target.cluster.";
  public static final String TARGET_BOOTSTRAP_SERVERS_CONFIG = TARGET_PREFIX + "bootstrap.servers";
  private static final String TARGET_BOOTSTRAP_SERVERS_DOC =
      "The Kafka cluster the records are restored to, as MirrorMaker names it. When set, the"
          + " connector checks before producing anything that every destination topic exists"
          + " (or that topic.creation.default.partitions will create it) with at least as many"
          + " partitions as the backup, and fails with the topic and both counts otherwise. Other"
          + " target.cluster.* keys (security.protocol, sasl.*, ssl.*) go to that check's admin"
          + " client.";

  public static final String TARGET_TOPIC_PREFIX = "target.topic.";
  public static final String TARGET_TOPIC_CREATE_CONFIG = TARGET_TOPIC_PREFIX + "create";
  public static final boolean TARGET_TOPIC_CREATE_DEFAULT = false;
  private static final String TARGET_TOPIC_CREATE_DOC =
      "With target.cluster.bootstrap.servers set: create each destination topic that does not"
          + " exist (its name after the RegexRouter transforms) before anything is produced, with"
          + " one partition more than the highest partition number the restore's backup holds of"
          + " it, target.topic.replication.factor, and the topic configs of the"
          + " target.topic.config.* keys (target.topic.config.cleanup.policy=compact, ...); both"
          + " default to the broker's. An existing topic is never changed, and one with fewer"
          + " partitions than the backup still fails the check. The backup cannot show partitions"
          + " whose records never reached it: the log warns, for each topic created, to add them"
          + " if the lost topic had more.";

  public static final String TARGET_TOPIC_REPLICATION_FACTOR_CONFIG =
      TARGET_TOPIC_PREFIX + "replication.factor";
  private static final String TARGET_TOPIC_REPLICATION_FACTOR_DOC =
      "The replication factor of the topics target.topic.create creates. Empty: the broker's"
          + " default.replication.factor.";

  /** The prefix of the topic configs of created topics, e.g. {@code target.topic.config.x}. */
  public static final String TARGET_TOPIC_CONFIG_PREFIX = TARGET_TOPIC_PREFIX + "config.";

  // ---- Compatibility ----
  public static final String COMPATIBILITY_GROUP = "Compatibility (ignored)";
  public static final List<String> LICENCE_KEYS =
      List.of(
          "confluent.license",
          "confluent.topic.bootstrap.servers",
          "confluent.topic.replication.factor");
  private static final String LICENCE_DOC =
      "A key of the licensed restore connectors, accepted so that existing configurations work"
          + " unchanged, and ignored: Timeshard needs no licence topic.";

  public static final ConfigDef CONFIG_DEF = configDef();

  public RestoreSourceConfig(Map<?, ?> originals) {
    this(CONFIG_DEF, originals);
  }

  protected RestoreSourceConfig(ConfigDef definition, Map<?, ?> originals) {
    super(definition, originals, false);
    // Rules that span keys, checked here so that /validate and start both report them.
    window();
    topicFilter();
    if (getBoolean(TARGET_TOPIC_CREATE_CONFIG) && targetBootstrapServers().isEmpty()) {
      throw new ConfigException(
          TARGET_TOPIC_CREATE_CONFIG,
          "true",
          "creates topics in the cluster of "
              + TARGET_BOOTSTRAP_SERVERS_CONFIG
              + ", which is not set: set it to the destination cluster's bootstrap servers");
    }
    if (timestampFromField() && timestampField().isEmpty()) {
      throw new ConfigException(
          TIMESTAMP_MODE_CONFIG,
          TIMESTAMP_MODE_FIELD,
          "takes each record's time from "
              + TIMESTAMP_FIELD_CONFIG
              + ", which is not set: set "
              + TIMESTAMP_FIELD_CONFIG
              + " to the value field that holds it, or "
              + TIMESTAMP_MODE_CONFIG
              + "="
              + TIMESTAMP_MODE_NONE);
    }
  }

  private static ConfigDef configDef() {
    ConfigDef def = new ConfigDef();
    int order = 0;
    def.define(
            STORE_TYPE_CONFIG,
            Type.STRING,
            ObjectStores.STORE_TYPE_AUTO,
            Importance.HIGH,
            STORE_TYPE_DOC,
            STORE_GROUP,
            ++order,
            Width.SHORT,
            "Store type")
        .define(
            STORE_URL_CONFIG,
            Type.STRING,
            null,
            Importance.HIGH,
            STORE_URL_DOC,
            STORE_GROUP,
            ++order,
            Width.LONG,
            "Store URL");
    ObjectStores.addTo(def);
    PartitionerConfig.addTo(def);
    FormatConfig.addTo(def);

    order = 0;
    def.define(
            MODE_CONFIG,
            Type.STRING,
            MODE_RESTORE_BACKUP,
            ValidString.in(MODE_RESTORE_BACKUP),
            Importance.LOW,
            MODE_DOC,
            RESTORE_GROUP,
            ++order,
            Width.SHORT,
            "Mode")
        .define(
            TOPICS_CONFIG,
            Type.LIST,
            "",
            Importance.HIGH,
            TOPICS_DOC,
            RESTORE_GROUP,
            ++order,
            Width.LONG,
            "Topics")
        .define(
            TOPICS_REGEX_CONFIG,
            Type.STRING,
            null,
            Importance.MEDIUM,
            TOPICS_REGEX_DOC,
            RESTORE_GROUP,
            ++order,
            Width.LONG,
            "Topics regex")
        .define(
            RESTORE_START_CONFIG,
            Type.STRING,
            null,
            Importance.HIGH,
            RESTORE_START_DOC,
            RESTORE_GROUP,
            ++order,
            Width.MEDIUM,
            "Window start")
        .define(
            RESTORE_END_CONFIG,
            Type.STRING,
            null,
            Importance.HIGH,
            RESTORE_END_DOC,
            RESTORE_GROUP,
            ++order,
            Width.MEDIUM,
            "Window end")
        .define(
            RESTORE_TIMEZONE_CONFIG,
            Type.STRING,
            RESTORE_TIMEZONE_DEFAULT,
            ZoneIdValidator.INSTANCE,
            Importance.MEDIUM,
            RESTORE_TIMEZONE_DOC,
            RESTORE_GROUP,
            ++order,
            Width.MEDIUM,
            "Window time zone")
        .define(
            TIMESTAMP_FIELD_CONFIG,
            Type.STRING,
            null,
            Importance.MEDIUM,
            TIMESTAMP_FIELD_DOC,
            RESTORE_GROUP,
            ++order,
            Width.MEDIUM,
            "Timestamp field")
        .define(
            TIMESTAMP_MODE_CONFIG,
            Type.STRING,
            TIMESTAMP_MODE_NONE,
            ValidString.in(TIMESTAMP_MODE_NONE, TIMESTAMP_MODE_FIELD),
            Importance.LOW,
            TIMESTAMP_MODE_DOC,
            RESTORE_GROUP,
            ++order,
            Width.SHORT,
            "Record timestamp")
        .define(
            LAST_MODIFIED_PRUNING_CONFIG,
            Type.BOOLEAN,
            LAST_MODIFIED_PRUNING_DEFAULT,
            Importance.MEDIUM,
            LAST_MODIFIED_PRUNING_DOC,
            RESTORE_GROUP,
            ++order,
            Width.SHORT,
            "Skip objects last modified before the window")
        .define(
            LAST_MODIFIED_TOLERANCE_MS_CONFIG,
            Type.LONG,
            LAST_MODIFIED_TOLERANCE_MS_DEFAULT,
            Range.atLeast(0),
            Importance.LOW,
            LAST_MODIFIED_TOLERANCE_MS_DOC,
            RESTORE_GROUP,
            ++order,
            Width.SHORT,
            "lastModified tolerance (ms)")
        .define(
            BATCH_MAX_SIZE_CONFIG,
            Type.INT,
            BATCH_MAX_SIZE_DEFAULT,
            Range.atLeast(1),
            Importance.LOW,
            BATCH_MAX_SIZE_DOC,
            RESTORE_GROUP,
            ++order,
            Width.SHORT,
            "Records per poll")
        .define(
            BEHAVIOR_ON_ERROR_CONFIG,
            Type.STRING,
            BEHAVIOR_FAIL,
            CaseInsensitiveValidString.of(BEHAVIOR_FAIL, BEHAVIOR_IGNORE),
            Importance.MEDIUM,
            BEHAVIOR_ON_ERROR_DOC,
            RESTORE_GROUP,
            ++order,
            Width.SHORT,
            "Behaviour on error")
        .define(
            POLL_INTERVAL_MS_CONFIG,
            Type.LONG,
            POLL_INTERVAL_MS_DEFAULT,
            Range.atLeast(100),
            Importance.LOW,
            POLL_INTERVAL_MS_DOC,
            RESTORE_GROUP,
            ++order,
            Width.SHORT,
            "Poll interval (ms)")
        .define(
            WATCH_CONFIG,
            Type.BOOLEAN,
            WATCH_DEFAULT,
            Importance.LOW,
            WATCH_DOC,
            RESTORE_GROUP,
            ++order,
            Width.SHORT,
            "Watch for new objects")
        .define(
            WATCH_LOOKBACK_MS_CONFIG,
            Type.LONG,
            WATCH_LOOKBACK_MS_DEFAULT,
            Range.atLeast(0),
            Importance.LOW,
            WATCH_LOOKBACK_MS_DOC,
            RESTORE_GROUP,
            ++order,
            Width.SHORT,
            "Watch look-back (ms)")
        .define(
            ORIGIN_HEADER_CONFIG,
            Type.STRING,
            ORIGIN_HEADER_DEFAULT,
            Importance.LOW,
            ORIGIN_HEADER_DOC,
            RESTORE_GROUP,
            ++order,
            Width.MEDIUM,
            "Origin header");

    order = 0;
    def.define(
            FETCH_CONCURRENCY_CONFIG,
            Type.INT,
            FETCH_CONCURRENCY_DEFAULT,
            Range.between(1, 256),
            Importance.MEDIUM,
            FETCH_CONCURRENCY_DOC,
            PERFORMANCE_GROUP,
            ++order,
            Width.SHORT,
            "Fetch concurrency")
        .define(
            FETCH_WORKER_CONCURRENCY_CONFIG,
            Type.INT,
            FETCH_WORKER_CONCURRENCY_DEFAULT,
            Range.between(1, 4096),
            Importance.MEDIUM,
            FETCH_WORKER_CONCURRENCY_DOC,
            PERFORMANCE_GROUP,
            ++order,
            Width.SHORT,
            "Fetch concurrency per worker")
        .define(
            STORE_UNAVAILABLE_TIMEOUT_CONFIG,
            Type.LONG,
            STORE_UNAVAILABLE_TIMEOUT_DEFAULT,
            Range.atLeast(1),
            Importance.MEDIUM,
            STORE_UNAVAILABLE_TIMEOUT_DOC,
            PERFORMANCE_GROUP,
            ++order,
            Width.SHORT,
            "Store unavailable timeout (ms)")
        .define(
            TASK_RESTARTS_MAX_CONFIG,
            Type.INT,
            TASK_RESTARTS_MAX_DEFAULT,
            Range.atLeast(0),
            Importance.MEDIUM,
            TASK_RESTARTS_MAX_DOC,
            PERFORMANCE_GROUP,
            ++order,
            Width.SHORT,
            "Task restarts")
        .define(
            TASK_RESTART_BACKOFF_CONFIG,
            Type.LONG,
            TASK_RESTART_BACKOFF_DEFAULT,
            Range.atLeast(0),
            Importance.LOW,
            TASK_RESTART_BACKOFF_DOC,
            PERFORMANCE_GROUP,
            ++order,
            Width.SHORT,
            "Task restart back-off (ms)")
        .define(
            BUFFER_MAX_BYTES_CONFIG,
            Type.LONG,
            BUFFER_MAX_BYTES_DEFAULT,
            Range.atLeast(64 * 1024),
            Importance.MEDIUM,
            BUFFER_MAX_BYTES_DOC,
            PERFORMANCE_GROUP,
            ++order,
            Width.SHORT,
            "Buffer cap (bytes)")
        .define(
            PartitionerConfig.LIST_CONCURRENCY_CONFIG,
            Type.INT,
            PartitionerConfig.LIST_CONCURRENCY_DEFAULT,
            Range.between(1, 128),
            Importance.LOW,
            LIST_CONCURRENCY_DOC,
            PERFORMANCE_GROUP,
            ++order,
            Width.SHORT,
            "Listing concurrency");

    def.define(
        TARGET_BOOTSTRAP_SERVERS_CONFIG,
        Type.STRING,
        null,
        Importance.MEDIUM,
        TARGET_BOOTSTRAP_SERVERS_DOC,
        DESTINATION_GROUP,
        1,
        Width.LONG,
        "Destination bootstrap servers");
    def.define(
        TARGET_TOPIC_CREATE_CONFIG,
        Type.BOOLEAN,
        TARGET_TOPIC_CREATE_DEFAULT,
        Importance.MEDIUM,
        TARGET_TOPIC_CREATE_DOC,
        DESTINATION_GROUP,
        2,
        Width.SHORT,
        "Create missing topics");
    def.define(
        TARGET_TOPIC_REPLICATION_FACTOR_CONFIG,
        Type.INT,
        null,
        ConfigDef.LambdaValidator.with(
            (name, value) -> {
              if (value != null && ((Integer) value < 1 || (Integer) value > Short.MAX_VALUE)) {
                throw new ConfigException(name, value, "must be at least 1, or empty");
              }
            },
            () -> "at least 1, or empty for the broker's default"),
        Importance.LOW,
        TARGET_TOPIC_REPLICATION_FACTOR_DOC,
        DESTINATION_GROUP,
        3,
        Width.SHORT,
        "Replication factor of created topics");

    order = 0;
    for (String key : LICENCE_KEYS) {
      def.define(
          key,
          // The licence is a secret; the licence topic's servers and replication are not.
          key.equals("confluent.license") ? Type.PASSWORD : Type.STRING,
          null,
          Importance.LOW,
          LICENCE_DOC,
          COMPATIBILITY_GROUP,
          ++order,
          Width.LONG,
          key);
    }
    return def;
  }

  // ---- Typed accessors ----

  public TopicFilter topicFilter() {
    List<String> topics = getList(TOPICS_CONFIG);
    if (!topics.isEmpty()) {
      return TopicFilter.of(topics);
    }
    String regex = getString(TOPICS_REGEX_CONFIG);
    if (regex == null || regex.isBlank()) {
      return TopicFilter.all();
    }
    try {
      return TopicFilter.matching(Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      throw new ConfigException(TOPICS_REGEX_CONFIG, regex, "not a regex: " + e.getDescription());
    }
  }

  public ZoneId restoreZone() {
    return ZoneId.of(getString(RESTORE_TIMEZONE_CONFIG));
  }

  /** The restore window; {@link TimeInterval#ALL} without bounds. */
  public TimeInterval window() {
    Optional<Instant> start = bound(RESTORE_START_CONFIG);
    Optional<Instant> end = bound(RESTORE_END_CONFIG);
    if (start.isPresent() && end.isPresent() && end.get().isBefore(start.get())) {
      throw new ConfigException(
          RESTORE_END_CONFIG,
          getString(RESTORE_END_CONFIG),
          "the window ends before it starts ("
              + RESTORE_START_CONFIG
              + "="
              + start.get()
              + "): write an end after the start");
    }
    if (start.isPresent() && end.isPresent() && end.get().equals(start.get())) {
      throw new ConfigException(
          RESTORE_END_CONFIG,
          getString(RESTORE_END_CONFIG),
          "the window is empty: restore.end is exclusive and equals "
              + RESTORE_START_CONFIG
              + " ("
              + start.get()
              + "), so nothing would be restored; write an end after the start");
    }
    return TimeInterval.between(start.orElse(null), end.orElse(null));
  }

  private Optional<Instant> bound(String key) {
    String value = getString(key);
    try {
      return RestoreWindowParser.parse(value, restoreZone());
    } catch (DateTimeException e) {
      throw new ConfigException(key, value, "not " + RestoreWindowParser.accepted());
    }
  }

  public Optional<String> timestampField() {
    String field = getString(TIMESTAMP_FIELD_CONFIG);
    return field == null || field.isBlank() ? Optional.empty() : Optional.of(field.trim());
  }

  public boolean timestampFromField() {
    return TIMESTAMP_MODE_FIELD.equals(getString(TIMESTAMP_MODE_CONFIG));
  }

  /**
   * Which objects to skip by the time of their last change, as {@code store} dates them: none
   * without a window start or with {@value #LAST_MODIFIED_PRUNING_CONFIG} off.
   */
  public LastModifiedPruning lastModifiedPruning(ObjectStore store) {
    if (!getBoolean(LAST_MODIFIED_PRUNING_CONFIG)) {
      return LastModifiedPruning.NONE;
    }
    return LastModifiedPruning.forWindow(
            window(), Duration.ofMillis(getLong(LAST_MODIFIED_TOLERANCE_MS_CONFIG)))
        .keeping(object -> !store.lastModifiedFollowsLastByte(object));
  }

  /**
   * What the connector and its tasks plan: the restored topics, the window, the value format, and
   * the objects to skip by the time of their last change as {@code store} dates them.
   */
  public PlanRequest planRequest(BackupFormat valueFormat, ObjectStore store) {
    return new PlanRequest(topicFilter(), window(), valueFormat, tp -> true)
        .withLastModifiedPruning(lastModifiedPruning(store));
  }

  public int batchMaxSize() {
    return getInt(BATCH_MAX_SIZE_CONFIG);
  }

  public boolean failOnError() {
    return BEHAVIOR_FAIL.equalsIgnoreCase(getString(BEHAVIOR_ON_ERROR_CONFIG));
  }

  public Duration pollInterval() {
    return Duration.ofMillis(getLong(POLL_INTERVAL_MS_CONFIG));
  }

  public boolean watch() {
    return getBoolean(WATCH_CONFIG);
  }

  public Duration watchLookBack() {
    return Duration.ofMillis(getLong(WATCH_LOOKBACK_MS_CONFIG));
  }

  public int fetchConcurrency() {
    return getInt(FETCH_CONCURRENCY_CONFIG);
  }

  public int fetchWorkerConcurrency() {
    return getInt(FETCH_WORKER_CONCURRENCY_CONFIG);
  }

  public int taskRestartsMax() {
    return getInt(TASK_RESTARTS_MAX_CONFIG);
  }

  public Duration taskRestartBackoff() {
    return Duration.ofMillis(getLong(TASK_RESTART_BACKOFF_CONFIG));
  }

  public Duration storeUnavailableTimeout() {
    return Duration.ofMillis(getLong(STORE_UNAVAILABLE_TIMEOUT_CONFIG));
  }

  public long bufferMaxBytes() {
    return getLong(BUFFER_MAX_BYTES_CONFIG);
  }

  public Optional<String> targetBootstrapServers() {
    String servers = getString(TARGET_BOOTSTRAP_SERVERS_CONFIG);
    return servers == null || servers.isBlank() ? Optional.empty() : Optional.of(servers);
  }

  /** The admin client settings of the destination check: every {@code target.cluster.*} key. */
  public Map<String, Object> targetClusterConfig() {
    return originalsWithPrefix(TARGET_PREFIX);
  }

  /** The settings of the topics to create, when {@value #TARGET_TOPIC_CREATE_CONFIG} is on. */
  public Optional<TopicCreation> topicCreation() {
    if (!getBoolean(TARGET_TOPIC_CREATE_CONFIG)) {
      return Optional.empty();
    }
    Integer replication = getInt(TARGET_TOPIC_REPLICATION_FACTOR_CONFIG);
    Map<String, String> configs = new TreeMap<>();
    originalsWithPrefix(TARGET_TOPIC_CONFIG_PREFIX)
        .forEach((key, value) -> configs.put(key, String.valueOf(value)));
    return Optional.of(
        new TopicCreation(
            replication == null ? Optional.empty() : Optional.of(replication.shortValue()),
            configs));
  }

  /** The name of the header naming each restored record's place in the backup, if any. */
  public Optional<String> originHeader() {
    String name = getString(ORIGIN_HEADER_CONFIG);
    return name == null || name.isBlank() ? Optional.empty() : Optional.of(name.trim());
  }

  /** The licence keys present in the configuration, which are ignored. */
  public List<String> licenceKeysPresent() {
    return LICENCE_KEYS.stream().filter(originals()::containsKey).toList();
  }

  /** Accepts a time zone ID that java.time knows. */
  static final class ZoneIdValidator implements ConfigDef.Validator {
    static final ZoneIdValidator INSTANCE = new ZoneIdValidator();

    @Override
    public void ensureValid(String name, Object value) {
      try {
        ZoneId.of((String) value);
      } catch (DateTimeException | NullPointerException e) {
        throw new ConfigException(name, value, "not a time zone ID, e.g. UTC or Europe/Madrid");
      }
    }

    @Override
    public String toString() {
      return "a time zone ID, e.g. UTC or Europe/Madrid";
    }
  }

  /** Like {@link ValidString}, ignoring case, as the sinks read {@code behavior.on.error}. */
  static final class CaseInsensitiveValidString implements ConfigDef.Validator {
    private final List<String> valid;

    private CaseInsensitiveValidString(List<String> valid) {
      this.valid = valid;
    }

    static CaseInsensitiveValidString of(String... valid) {
      return new CaseInsensitiveValidString(List.of(valid));
    }

    @Override
    public void ensureValid(String name, Object value) {
      String text = value == null ? null : ((String) value).toLowerCase(Locale.ROOT);
      if (!valid.contains(text)) {
        throw new ConfigException(name, value, "must be one of " + valid);
      }
    }

    @Override
    public String toString() {
      return String.join(", ", valid);
    }
  }
}
