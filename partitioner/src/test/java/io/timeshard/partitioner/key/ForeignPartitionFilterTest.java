package io.timeshard.partitioner.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A task skips other partitions' keys before parsing them, and only those. */
class ForeignPartitionFilterTest {

  private static final ObjectKeyParser PARSER =
      new ObjectKeyParser("topics", "/", ExtensionTable.standard());

  /** Task of partitions 1 and 4 of topic t, restoring Avro. */
  private static final ForeignPartitionFilter TASK =
      new ForeignPartitionFilter(PARSER, Map.of("t", Set.of(1, 4)), BackupFormat.AVRO);

  @Test
  void otherPartitionsKeysAreSkippedWithTheirCompanionsAndTombstones() {
    assertThat(TASK.skips("topics/t/2025/05/16/13/t+0+0000000000.avro")).isTrue();
    assertThat(TASK.skips("topics/t/2025/05/16/13/t+11+0000000042.avro")).isTrue();
    assertThat(TASK.skips("topics/t/2025/05/16/13/t+0+0000000000.keys.avro")).isTrue();
    assertThat(TASK.skips("topics/t/2025/05/16/13/t+0+0000000000.headers.avro")).isTrue();
    assertThat(TASK.skips("topics/t/tombstone/t+2+0000000003.keys.avro")).isTrue();
    // Companions are kept whatever their format (keys.format.class): skipped like their values.
    assertThat(TASK.skips("topics/t/2025/05/16/13/t+0+0000000000.keys.json")).isTrue();
  }

  @Test
  void ownPartitionsKeysCompanionsAndTombstonesAreLeftToTheParse() {
    assertThat(TASK.skips("topics/t/2025/05/16/13/t+1+0000000000.avro")).isFalse();
    assertThat(TASK.skips("topics/t/2025/05/16/13/t+4+0000000007.keys.avro")).isFalse();
    assertThat(TASK.skips("topics/t/2025/05/16/13/t+4+0000000007.headers.avro")).isFalse();
    assertThat(TASK.skips("topics/t/tombstone/t+1+0000000003.keys.avro")).isFalse();
    assertThat(TASK.skips("topics/t/2025/05/16/13/t+01+0000000000.avro")).isFalse();
  }

  @Test
  void oddKeysAreLeftToTheParseSoThatTheyAreReportedAsBefore() {
    for (String odd :
        List.of(
            "elsewhere/t/2025/t+0+0000000000.avro",
            "topics/t+0+0000000000.avro",
            "topics/t/2025/t+x+0000000000.avro",
            "topics/t/2025/t++0000000000.avro",
            "topics/t/2025/t+0+.avro",
            "topics/t/2025/+0+0000000000.avro",
            "topics/t/2025/t+99999999999+0000000000.avro",
            "topics/t/2025/t+0+99999999999999999999.avro",
            "topics/t/2025/t+0+0000000000.txt",
            "topics/t/2025/t+0+0000000000.copy.avro",
            "topics/t/2025/t+0+0000000000",
            "topics/t/2025/0000000000.avro",
            // Misplaced: a file of topic u in the folder of topic t, and the other way round.
            "topics/t/2025/u+0+0000000000.avro",
            "topics/u/2025/t+0+0000000000.avro",
            "topics/tt/2025/t+0+0000000000.avro",
            // A value object of another format than the one restored is counted as such.
            "topics/t/2025/t+0+0000000000.json")) {
      assertThat(TASK.skips(odd)).as(odd).isFalse();
    }
  }

  @Test
  void otherTopicsAreSkippedAndTopicsWithPlusSignsAndDelimitersAreRead() {
    ForeignPartitionFilter task =
        new ForeignPartitionFilter(
            PARSER, Map.of("a+b", Set.of(0), "x/y", Set.of(2)), BackupFormat.AVRO);

    assertThat(task.skips("topics/t/2025/t+0+0000000000.avro")).isTrue();
    assertThat(task.skips("topics/a+b/2025/a+b+0+0000000000.avro")).isFalse();
    assertThat(task.skips("topics/a+b/2025/a+b+1+0000000000.avro")).isTrue();
    assertThat(task.skips("topics/x/y/2025/x/y+2+0000000000.avro")).isFalse();
  }

  /** Whatever the key, a skipped key is one the parse reads, in its own folder, not assigned. */
  @Test
  void aSkippedKeyIsAlwaysOneThePlanWouldDropForItsPartitionAlone() {
    String[] folders = {"", "2025/", "tombstone/", "t/", "u/", "t+1/"};
    String[] topics = {"t", "u", "t+1", ""};
    String[] partitions = {"0", "1", "4", "x", "", "007", "2147483648"};
    String[] tails = {
      "0000000000.avro", "12.keys.avro", "3.headers.json", "5.json", "6.gz", "7", "8.keys"
    };
    int skipped = 0;
    for (String folder : folders) {
      for (String topic : topics) {
        for (String partition : partitions) {
          for (String tail : tails) {
            String key = "topics/t/" + folder + topic + "+" + partition + "+" + tail;
            boolean skips = TASK.skips(key);
            KeyParse parse = PARSER.parse(key);
            if (skips) {
              skipped++;
              assertThat(parse).as(key).isInstanceOf(KeyParse.Parsed.class);
              ObjectKey parsed = ((KeyParse.Parsed) parse).key();
              assertThat(parsed.inOwnTopicFolder()).as(key).isTrue();
              assertThat(parsed.role() != ObjectRole.VALUES || parsed.format() == BackupFormat.AVRO)
                  .as(key)
                  .isTrue();
              assertThat(
                      parsed.fileTopic().equals("t") && Set.of(1, 4).contains(parsed.partition()))
                  .as(key)
                  .isFalse();
            } else if (parse instanceof KeyParse.Parsed parsed
                && parsed.key().inOwnTopicFolder()
                && (parsed.key().role() != ObjectRole.VALUES
                    || parsed.key().format() == BackupFormat.AVRO)) {
              assertThat(
                      parsed.key().fileTopic().equals("t")
                          && Set.of(1, 4).contains(parsed.key().partition()))
                  .as("left to the parse, so it must be the task's own: " + key)
                  .isTrue();
            }
          }
        }
      }
    }
    assertThat(skipped).isPositive();
  }
}
