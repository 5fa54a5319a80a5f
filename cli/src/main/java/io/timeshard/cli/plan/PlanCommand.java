package io.timeshard.cli.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.timeshard.cli.Timeshard;
import io.timeshard.cli.config.RestoreSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code timeshard plan}: what a restore configuration will restore, before it runs. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    header =
        "What a restore configuration will restore, by which task, and about how long it takes.",
    description = {
      "Lists the backup exactly as the connector would for this configuration, without Kafka, and"
          + " prints per partition the objects, bytes, first and last folder, first and last start"
          + " offset and the objects the window prunes; the tasks and the partitions each gets;"
          + " the LIST calls made; and an estimate of the restore's duration from a few reads"
          + " timed against the store.",
      "The configuration is the JSON that is PUT to Connect: the config object, or the whole"
          + " {\"name\", \"config\"}. ${file:path:key}, ${directory:path:file} and ${env:NAME} are"
          + " resolved here as Connect's config providers resolve them.",
      "An invalid configuration exits with 2 and the connector's own validation messages."
    })
public final class PlanCommand implements Callable<Integer> {

  /** The output formats. */
  public enum Format {
    table,
    json
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The restore configuration (JSON), as PUT to Connect.")
  Path config;

  @Option(
      names = "--tasks",
      paramLabel = "N",
      description = "Split over N tasks instead of the configuration's tasks.max (default 1).")
  Integer tasks;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table or json. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(
      names = "--sample",
      defaultValue = "8",
      paramLabel = "N",
      description =
          "How many objects to read, spread over the plan, to time the store for the estimate;"
              + " 0 for no estimate. Default: ${DEFAULT-VALUE}.")
  int sample;

  @Option(
      names = "--no-pruned-count",
      negatable = false,
      description =
          "Do not count the objects the window prunes: that takes a second listing, without the"
              + " window, of every time folder of the restored topics.")
  boolean noPrunedCount;

  @Option(
      names = "--check-destination",
      negatable = false,
      description =
          "Ask the destination cluster (target.cluster.bootstrap.servers and target.cluster.*)"
              + " which destination topics exist.")
  boolean checkDestination;

  @Option(
      names = "--kafka-topics",
      negatable = false,
      description =
          "Print only the kafka-topics.sh --create lines of the destination topics (the missing"
              + " ones with --check-destination), with the partitions the backup shows and"
              + " target.topic.replication.factor and target.topic.config.*, for teams that"
              + " create topics with their own tooling.")
  boolean kafkaTopics;

  @Override
  public Integer call() throws Exception {
    if (tasks != null && tasks < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--tasks must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (RestoreSetup setup = RestoreSetup.open(config)) {
      PlanReport report =
          PlanReport.build(
              setup,
              tasks != null ? tasks : setup.tasksMax(),
              !noPrunedCount,
              kafkaTopics ? 0 : sample,
              checkDestination);
      if (kafkaTopics) {
        out.print(report.kafkaTopicsText(checkDestination));
      } else if (format == Format.json) {
        out.println(
            new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(report));
      } else {
        out.print(report.toText());
      }
      out.flush();
    }
    return Timeshard.OK;
  }
}
