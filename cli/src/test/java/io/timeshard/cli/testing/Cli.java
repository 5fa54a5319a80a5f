package io.timeshard.cli.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.timeshard.cli.Timeshard;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Runs the timeshard command in this JVM and keeps what it printed. */
public final class Cli {

  /** What a run printed and its exit code. */
  public record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  private Cli() {}

  public static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Timeshard.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    Run run = new Run(code, out.toString(), err.toString());
    System.out.println("$ timeshard " + String.join(" ", args) + "\n" + run);
    return run;
  }

  /** Writes {@code {"name": name, "config": config}} to a file, as it would be PUT. */
  public static Path configFile(Path folder, String name, Map<String, String> config) {
    try {
      Path file = folder.resolve(name + ".json");
      Files.writeString(
          file,
          new ObjectMapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(Map.of("name", name, "config", config)));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
