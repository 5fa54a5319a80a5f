package io.timeshard.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PartitionComparisonTest {

  private static final ComparedRecord.Aspects ALL =
      new ComparedRecord.Aspects(true, true, true, false);

  private static ComparedRecord record(int i, String value, String where) {
    return new ComparedRecord(bytes("k" + i), bytes(value), List.of(), null, where);
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<ComparedRecord> backup(int n) {
    return IntStream.range(0, n).mapToObj(i -> record(i, "v" + i, "record " + i)).toList();
  }

  private static List<ComparedRecord> restored(List<ComparedRecord> records) {
    List<ComparedRecord> copy = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      ComparedRecord r = records.get(i);
      copy.add(new ComparedRecord(r.key(), r.value(), r.headers(), null, "offset " + i));
    }
    return copy;
  }

  private static PartitionComparison.Outcome compare(List<ComparedRecord> restored) {
    return PartitionComparison.compare(backup(10).iterator(), restored.iterator(), ALL);
  }

  @Test
  void theSameRecordsAgree() {
    PartitionComparison.Outcome outcome = compare(restored(backup(10)));
    assertThat(outcome.agrees()).isTrue();
    assertThat(outcome.backup()).isEqualTo(10);
    assertThat(outcome.restored()).isEqualTo(10);
  }

  @Test
  void aMissingRecordIsNamed() {
    List<ComparedRecord> records = new ArrayList<>(backup(10));
    records.remove(4);
    PartitionComparison.Outcome outcome = compare(restored(records));
    assertThat(outcome.firstDifference()).startsWith("record 4 (record 4, key k4) is missing");
    assertThat(outcome.restored()).isEqualTo(9);
  }

  @Test
  void theLastRecordMissing() {
    PartitionComparison.Outcome outcome = compare(restored(backup(9)));
    assertThat(outcome.firstDifference())
        .isEqualTo("record 9 (record 9, key k9) is missing: the restored partition ends before it");
  }

  @Test
  void aReorderedPairIsNamed() {
    List<ComparedRecord> records = new ArrayList<>(backup(10));
    records.set(6, backup(10).get(7));
    records.set(7, backup(10).get(6));
    PartitionComparison.Outcome outcome = compare(restored(records));
    assertThat(outcome.firstDifference())
        .startsWith("records 6 and 7 are in each other's place (order)");
  }

  @Test
  void aChangedValueIsShown() {
    List<ComparedRecord> records = new ArrayList<>(backup(10));
    records.set(2, record(2, "changed", "x"));
    PartitionComparison.Outcome outcome = compare(restored(records));
    assertThat(outcome.firstDifference())
        .isEqualTo(
            "record 2 (record 2) differs from offset 2 in its value: backup v2, restored changed");
  }

  @Test
  void anExtraRecordIsNamed() {
    List<ComparedRecord> records = new ArrayList<>(backup(10));
    records.add(3, record(99, "v99", "x"));
    PartitionComparison.Outcome outcome = compare(restored(records));
    assertThat(outcome.firstDifference()).startsWith("an extra record at offset 3 (key k99)");
    assertThat(outcome.restored()).isEqualTo(11);
  }

  @Test
  void partsThatAreNotComparedDoNotCount() {
    List<ComparedRecord> records = new ArrayList<>(backup(10));
    records.set(2, record(2, "changed", "x"));
    PartitionComparison.Outcome outcome =
        PartitionComparison.compare(
            backup(10).iterator(),
            restored(records).iterator(),
            new ComparedRecord.Aspects(true, false, true, false));
    assertThat(outcome.agrees()).isTrue();
  }
}
