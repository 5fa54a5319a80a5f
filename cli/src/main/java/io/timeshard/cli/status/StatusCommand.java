package io.timeshard.cli.status;

import static io.timeshard.cli.text.TextTable.bytes;
import static io.timeshard.cli.text.TextTable.count;
import static io.timeshard.cli.text.TextTable.duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.timeshard.cli.Timeshard;
import io.timeshard.cli.config.RestoreConfigFile;
import io.timeshard.cli.config.RestoreSetup;
import io.timeshard.cli.text.TextTable;
import io.timeshard.connect.restore.RestorePosition;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.RestorePlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code timeshard status}: how far a running restore is, from Connect's REST API. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    header = "How far a running restore is, from Connect's REST API: progress per task, failures.",
    description = {
      "Shows how far a restore is from Connect's REST API alone: the connector's and tasks'"
          + " states, each task's partitions (GET /connectors/NAME/tasks) and the offsets the"
          + " worker committed (GET /connectors/NAME/offsets, Kafka 3.6 or newer), read against"
          + " the plan of the connector's configuration (GET /connectors/NAME/config, or"
          + " --config).",
      "Progress counts objects: an object is done when the committed offset is past its last"
          + " record. Offsets are committed every offset.flush.interval.ms (60 s by default), so"
          + " progress trails the records produced by up to that much.",
      "A task that restarted by itself after its store was unavailable is named with its reason,"
          + " from the committed offsets; a task that the workers' task restart extension restarted"
          + " is named with its cause, asked of the workers that run the connector (GET"
          + " /timeshard/task-restarts/NAME at their advertised addresses). A failed task is"
          + " printed with its trace. Without --watch,"
          + " one look: no rate or ETA. With"
          + " --watch, it looks again every --interval and shows the rate measured between its"
          + " looks and the ETA at that rate, until every partition's last object is restored"
          + " (exit 0) or a task fails (exit 1)."
    })
public final class StatusCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Why tasks restarted by themselves, from the last look's offsets. */
  private List<String> restartNotes = List.of();

  @Option(
      names = "--connect",
      required = true,
      paramLabel = "URL",
      description = "Connect's REST API, e.g. http://connect:8083.")
  String connect;

  @Option(
      names = "--connector",
      required = true,
      paramLabel = "NAME",
      description = "The restore connector's name.")
  String connector;

  @Option(
      names = "--watch",
      description = "Look again every --interval until the restore is done or a task fails.")
  boolean watch;

  @Option(
      names = "--interval",
      defaultValue = "5",
      paramLabel = "SECONDS",
      description = "Seconds between looks with --watch. Default: ${DEFAULT-VALUE}.")
  double interval;

  @Option(
      names = "--rate-window",
      defaultValue = "60",
      paramLabel = "SECONDS",
      description =
          "The rate is measured over the looks of the last SECONDS of watching."
              + " Default: ${DEFAULT-VALUE}.")
  double rateWindow;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Plan with this configuration file instead of the one Connect holds, e.g. when that"
              + " one's ${file:...} references only resolve on the workers.")
  Path config;

  @Override
  public Integer call() throws Exception {
    if (interval <= 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--interval must be positive");
    }
    PrintWriter out = spec.commandLine().getOut();
    ConnectRest rest = new ConnectRest(connect);
    RestorePlan plan;
    try (RestoreSetup setup = setup(rest)) {
      plan = setup.plan();
    }
    List<PartitionStream> streams = plan.streams();
    long objects = 0;
    long planned = 0;
    for (PartitionStream stream : streams) {
      for (var object : stream.objects()) {
        objects++;
        planned += object.size();
      }
    }
    out.printf(
        Locale.ROOT,
        "Restore '%s' on %s: %,d objects (%s) in %d partition streams, as listed at %s%n",
        connector,
        connect,
        objects,
        bytes(planned),
        streams.size(),
        LocalTime.now().truncatedTo(ChronoUnit.SECONDS));
    out.println(
        "Objects are counted done from the offsets the worker last committed"
            + " (every offset.flush.interval.ms).");
    Rates rates = new Rates((long) (rateWindow * 1e9));
    boolean terminal = watch && System.console() != null;
    int drawn = 0;
    try (ProgressBars bars = new ProgressBars()) {
      while (true) {
        JsonNode offsets = rest.offsets(connector);
        restartNotes = TaskRestartNotes.from(offsets);
        JsonNode status = rest.status(connector);
        RestoreSnapshot snapshot =
            RestoreSnapshot.of(status, rest.tasks(connector), offsets, streams);
        record(rates, snapshot);
        List<String> block = block(snapshot, bars, rates);
        boolean finished = snapshot.failed() || snapshot.complete() || !watch;
        if (terminal && drawn > 0) {
          // Draw the block over the previous one.
          out.print("\u001b[" + drawn + "F\u001b[J");
        }
        if (terminal || finished) {
          block.forEach(out::println);
          drawn = block.size();
        } else {
          out.println(block.get(block.size() - 2));
        }
        out.flush();
        if (finished) {
          return finish(snapshot, status, rest, out);
        }
        Thread.sleep((long) (interval * 1000));
      }
    }
  }

  private RestoreSetup setup(ConnectRest rest) throws Exception {
    if (config != null) {
      return RestoreSetup.open(config);
    }
    JsonNode raw = rest.config(connector);
    RestoreConfigFile.Loaded loaded =
        RestoreConfigFile.parse(raw, connector, "the configuration Connect holds for " + connector);
    return RestoreSetup.open(connector, loaded.config(), "Connect's configuration of " + connector);
  }

  private static void record(Rates rates, RestoreSnapshot snapshot) {
    rates.record("total", snapshot.nanos(), snapshot.objectsDone());
    for (RestoreSnapshot.TaskProgress task : snapshot.tasks()) {
      rates.record(taskKey(task), snapshot.nanos(), task.objectsDone());
    }
  }

  private static String taskKey(RestoreSnapshot.TaskProgress task) {
    return "task " + task.id();
  }

  private List<String> block(RestoreSnapshot snapshot, ProgressBars bars, Rates rates) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "Connector %s, %d tasks, at %s",
            snapshot.connectorState(),
            snapshot.tasks().stream().filter(t -> t.id() >= 0).count(),
            LocalTime.now().truncatedTo(ChronoUnit.SECONDS)));
    int width = "total".length();
    List<String> names = new ArrayList<>();
    for (RestoreSnapshot.TaskProgress task : snapshot.tasks()) {
      String name =
          task.id() == RestoreSnapshot.UNASSIGNED
              ? "no task yet"
              : "task " + task.id() + " " + task.state();
      names.add(name);
      width = Math.max(width, name.length());
    }
    for (int i = 0; i < snapshot.tasks().size(); i++) {
      RestoreSnapshot.TaskProgress task = snapshot.tasks().get(i);
      String key = taskKey(task);
      lines.add(
          bars.render(
              pad(names.get(i), width),
              task.objectsDone(),
              task.objects(),
              // A failed task finishes nothing: no ETA for it.
              task.failed()
                  ? OptionalDouble.empty()
                  : rates.etaSeconds(key, task.objects() - task.objectsDone()),
              task.failed() ? "failed" : rateText(rates, key)));
    }
    lines.add(
        bars.render(
            pad("total", width),
            snapshot.objectsDone(),
            snapshot.objects(),
            snapshot.failed()
                ? OptionalDouble.empty()
                : rates.etaSeconds("total", snapshot.objects() - snapshot.objectsDone()),
            rateText(rates, "total")));
    OptionalDouble rate = rates.perSecond("total");
    if (snapshot.failed()) {
      lines.add("No ETA: a task failed, and a failed task restores nothing more until restarted.");
    } else if (rate.isPresent()) {
      OptionalDouble eta = rates.etaSeconds("total", snapshot.objects() - snapshot.objectsDone());
      lines.add(
          String.format(
              Locale.ROOT,
              "Rate %.1f objects/s, measured over the last %s watched; ETA at that rate: %s."
                  + " Bars read (time watched / ETA).",
              rate.getAsDouble(),
              duration(rates.spanSeconds("total")),
              eta.isPresent() ? duration(eta.getAsDouble()) : "none while nothing moves"));
    } else {
      lines.add(
          watch
              ? "Rate and ETA after the next look. Bars read (time watched / ETA)."
              : "No rate or ETA from one look: run with --watch to measure them.");
    }
    return lines;
  }

  private static String rateText(Rates rates, String key) {
    OptionalDouble rate = rates.perSecond(key);
    return rate.isPresent() ? String.format(Locale.ROOT, "%.1f objects/s", rate.getAsDouble()) : "";
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }

  /**
   * @param status the last look's {@code GET /connectors/NAME/status}
   */
  private int finish(RestoreSnapshot snapshot, JsonNode status, ConnectRest rest, PrintWriter out)
      throws InterruptedException {
    out.println();
    TextTable table =
        new TextTable(
            ">task", "partition", ">objects done", ">objects", ">bytes done", "committed position");
    for (RestoreSnapshot.TaskProgress task : snapshot.tasks()) {
      for (RestoreSnapshot.PartitionProgress p : task.partitions()) {
        table.row(
            task.id() == RestoreSnapshot.UNASSIGNED ? "-" : task.id(),
            p.topicPartition(),
            count(p.objectsDone()),
            count(p.objects()),
            bytes(p.bytesDone()),
            p.position().map(StatusCommand::describe).orElse("none yet"));
      }
    }
    out.print(table);
    if (!restartNotes.isEmpty()) {
      out.println();
      out.println("Restarted by themselves (from the committed offsets):");
      restartNotes.forEach(note -> out.println("  " + note));
    }
    List<String> extensionNotes =
        ExtensionRestartNotes.from(status, id -> rest.extensionRestarts(id, connector));
    if (!extensionNotes.isEmpty()) {
      out.println();
      out.println(
          "Restarted by the workers' task restart extension (what each worker running the"
              + " connector remembers since it started):");
      extensionNotes.forEach(note -> out.println("  " + note));
    }
    if (snapshot.failed()) {
      out.println();
      if ("FAILED".equals(snapshot.connectorState())) {
        out.println("The connector FAILED:");
        out.println(snapshot.connectorTrace());
      }
      for (RestoreSnapshot.TaskProgress task : snapshot.tasks()) {
        if (task.failed()) {
          out.printf("Task %d FAILED on %s:%n%s%n", task.id(), task.workerId(), task.trace());
        }
      }
      out.println(
          "Fix the cause, then restart the task: POST /connectors/"
              + connector
              + "/tasks/ID/restart. It resumes after the last committed record.");
      out.flush();
      return Timeshard.DIFFERENCE;
    }
    if (snapshot.complete()) {
      out.printf(
          Locale.ROOT,
          "Restored: every partition's last object (%,d objects, %s). Check it with timeshard"
              + " verify.%n",
          snapshot.objects(),
          bytes(snapshot.bytes()));
      out.flush();
      return Timeshard.OK;
    }
    out.printf(
        Locale.ROOT,
        "Still restoring: %,d of %,d objects done.%n",
        snapshot.objectsDone(),
        snapshot.objects());
    out.flush();
    return Timeshard.NOT_DONE;
  }

  private static String describe(RestorePosition position) {
    return (position.endOfObject() ? "all of " : "record " + position.record() + " of ")
        + position.objectKey();
  }
}
