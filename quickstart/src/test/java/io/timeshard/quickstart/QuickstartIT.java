package io.timeshard.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The quickstart end to end, on a small backup: what the README's first command runs. */
class QuickstartIT {

  @Test
  void restoresTheSampleBackupWithOneTaskAndWithFourInOrder() throws Exception {
    List<Path> before = quickstartFolders();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Quickstart.Report report;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      report = new Quickstart(new Quickstart.Options(4, 50, null), out).run();
    }
    String output = printed.toString(StandardCharsets.UTF_8);

    assertThat(report.passed()).as(output).isTrue();
    assertThat(report.runs()).extracting(RestoreRun.Result::tasks).containsExactly(1, 4);
    for (RestoreRun.Result run : report.runs()) {
      assertThat(run.total()).isEqualTo(200);
      assertThat(run.inOrder()).containsOnlyKeys(0, 1, 2, 3).doesNotContainValue(false);
    }
    assertThat(output)
        .contains("Wrote 200 objects")
        .contains("| all       | 200 (200 objects) |")
        .contains("Speed-up with tasks.max=4 over tasks.max=1")
        .contains("Every partition was restored whole and in backup order.");
    // The backup folder is gone.
    assertThat(quickstartFolders()).isSubsetOf(before);
  }

  @Test
  void aProgressLineCountsEachPartition() {
    String line =
        Quickstart.progressLine(
            1.5, java.util.Map.of(0, 10L, 1, 1_200L), java.util.Map.of(0, 1_500L, 1, 1_500L), 3000);

    assertThat(line).contains("1,210 / 3,000 records").contains("p0 10/1,500", "p1 1,200/1,500");
  }

  private static List<Path> quickstartFolders() throws Exception {
    try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return temp.filter(p -> p.getFileName().toString().startsWith("timeshard-quickstart-"))
          .toList();
    }
  }
}
