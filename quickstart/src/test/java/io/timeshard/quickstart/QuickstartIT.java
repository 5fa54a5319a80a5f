package io.timeshard.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The quickstart end to end, on a small backup: what the README's first command runs. */
class QuickstartIT {

  @Test
  void restoresTheSampleBackupWithOneTaskWithFourAndOneHourInOrder() throws Exception {
    List<Path> before = quickstartFolders();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Quickstart.Report report;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      report = new Quickstart(new Quickstart.Options(4, 50, null, 20, 10), out).run();
    }
    String output = printed.toString(StandardCharsets.UTF_8);

    assertThat(report.passed()).as(output).isTrue();
    assertThat(report.runs()).extracting(run -> run.result().tasks()).containsExactly(1, 4);
    for (Quickstart.Run run : report.runs()) {
      assertThat(run.result().total()).isEqualTo(200);
      assertThat(run.result().inOrder()).containsOnlyKeys(0, 1, 2, 3).doesNotContainValue(false);
      assertThat(run.getCalls()).isEqualTo(200);
    }
    // The hour of the middle record: every record of the first 50 but the late one, per partition.
    assertThat(report.window().result().restored())
        .isEqualTo(Map.of(0, 49L, 1, 49L, 2, 49L, 3, 49L));
    assertThat(report.window().result().allInOrder()).isTrue();
    assertThat(report.window().listCalls()).isLessThan(report.licensed().fullScanListCalls());
    assertThat(report.licensed().sample().objects()).isEqualTo(10);
    assertThat(output)
        .contains("Wrote 200 objects")
        .contains("with 20 ms added to every LIST and GET")
        .contains("| all       | 200 (200 objects) |")
        .contains("licensed strategy: 1 task, 1 object at a time (estimated from 10 objects)")
        .contains("Speed-up over the licensed strategy on the same backup and store: ")
        .contains("One hour: ")
        .contains("tasks.max=4 over tasks.max=1: ")
        .contains("Wrote 200 objects in ")
        .contains("and a snapshot of the consumer group 'shoe-analytics' that had read part of it")
        .containsPattern(
            "shoe-analytics\\s+shoe-customers\\s+2\\s+shoe-customers-restored-4"
                + "\\s+18\\s+18\\s+exact\\s+0")
        .contains("Group 'shoe-analytics': set the offsets of 4 partitions")
        .contains(
            "partition 3: committed 19 in the lost cluster; first record at restored offset 19,"
                + " customer 3000019")
        .contains(
            "Every partition was restored whole and in backup order, and the consumer group"
                + " resumed right after the records it had processed.");
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
