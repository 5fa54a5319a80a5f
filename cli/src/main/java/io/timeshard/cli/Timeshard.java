package io.timeshard.cli;

import io.timeshard.cli.config.ConfigFileException;
import io.timeshard.cli.offsets.OffsetsCommand;
import io.timeshard.cli.plan.PlanCommand;
import io.timeshard.cli.status.StatusCommand;
import io.timeshard.cli.verify.VerifyCommand;
import io.timeshard.connect.Version;
import java.io.PrintWriter;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code timeshard} command: plan a restore, follow it, verify what it restored. */
@Command(
    name = "timeshard",
    mixinStandardHelpOptions = true,
    versionProvider = Timeshard.VersionProvider.class,
    description = {
      "Plans a Timeshard restore before it runs, follows it while it runs and verifies what it"
          + " restored, with the connector's own configuration, store, layout and format code,"
          + " and moves the consumer groups to where they stopped.",
      "",
      "A restore, step by step (docs/operations.md):",
      "  timeshard plan --config restore.json",
      "  curl -X PUT -H 'Content-Type: application/json' \\",
      "    --data @restore.json http://connect:8083/connectors/restore/config",
      "  timeshard status --connect http://connect:8083 \\",
      "    --connector restore --watch",
      "  timeshard verify --config restore.json \\",
      "    --bootstrap-server kafka:9092",
      "  timeshard offsets --config restore.json \\",
      "    --bootstrap-server kafka:9092 --execute",
      ""
    },
    subcommands = {
      PlanCommand.class,
      StatusCommand.class,
      VerifyCommand.class,
      OffsetsCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  done: planned, restored, or restored as backed up",
      "  1  verify found a difference, status found a failed task, or offsets refused a group"
          + " with active members",
      "  2  the command line or the restore configuration is invalid",
      "  3  status: the restore is still running (without --watch)",
      "  4  the store, Kafka or Connect could not be read"
    })
public final class Timeshard implements Runnable {

  public static final int OK = 0;
  public static final int DIFFERENCE = 1;
  public static final int INVALID = 2;
  public static final int NOT_DONE = 3;
  public static final int UNREACHABLE = 4;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    // The command prints its own report; the connector's INFO lines would only get in its way.
    // Set here, not in a resource, so that a program embedding the command keeps its own.
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    System.setProperty(
        "org.slf4j.simpleLogger.logFile",
        System.getProperty("org.slf4j.simpleLogger.logFile", "System.err"));
    System.exit(commandLine().execute(args));
  }

  /** The command line, ready to execute; tests set its output and error writers. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Timeshard());
    commandLine.setExecutionExceptionHandler(Timeshard::failed);
    commandLine.setUsageHelpAutoWidth(true);
    return commandLine;
  }

  private static int failed(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof ConfigFileException problem) {
      err.println(problem.getMessage());
      problem.problems().forEach(line -> err.println("  " + line));
      err.flush();
      return INVALID;
    }
    if (e instanceof ConfigException) {
      err.println("Invalid restore configuration: " + e.getMessage());
      err.flush();
      return INVALID;
    }
    err.println("timeshard " + commandLine.getCommandName() + " failed: " + messages(e));
    err.flush();
    return UNREACHABLE;
  }

  /** The messages of an exception and its causes, without stack traces. */
  public static String messages(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
        text.append(": ").append(cause.getMessage());
      }
    }
    return text.toString();
  }

  /** The connector's version, which the command shares. */
  public static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"timeshard " + Version.get()};
    }
  }
}
