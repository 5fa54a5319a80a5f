package io.timeshard.quickstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.timeshard.cli.Timeshard;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * Ends the quickstart as an operator ends a restore: {@code timeshard plan} on the backup and
 * {@code timeshard verify} on what the last restore wrote, with the same configuration file.
 */
final class TimeshardVerify {

  private final PrintStream out;

  TimeshardVerify(PrintStream out) {
    this.out = out;
  }

  /**
   * @param config the last restore's connector configuration, store included
   * @throws IllegalStateException when verify finds a difference or cannot run
   */
  void run(String name, Map<String, String> config, String bootstrapServers) throws Exception {
    Path folder = Files.createTempDirectory("timeshard-quickstart-verify-");
    try {
      Path file = folder.resolve(name + ".json");
      Files.writeString(
          file, new ObjectMapper().writeValueAsString(Map.of("name", name, "config", config)));
      // The worker's converters, which the configuration does not set: the embedded worker's.
      Path worker = folder.resolve("worker.properties");
      Files.writeString(
          worker,
          "key.converter=org.apache.kafka.connect.storage.StringConverter\n"
              + "value.converter=org.apache.kafka.connect.storage.StringConverter\n");
      out.println();
      out.println("$ timeshard plan --config " + file.getFileName());
      execute("plan", "--config", file.toString());
      out.println();
      out.println(
          "$ timeshard verify --config "
              + file.getFileName()
              + " --bootstrap-server "
              + bootstrapServers
              + " --worker-config worker.properties");
      int verified =
          execute(
              "verify",
              "--config",
              file.toString(),
              "--bootstrap-server",
              bootstrapServers,
              "--worker-config",
              worker.toString());
      if (verified != Timeshard.OK) {
        throw new IllegalStateException("timeshard verify exited with " + verified);
      }
    } finally {
      try (var files = Files.list(folder)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(folder);
    }
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
