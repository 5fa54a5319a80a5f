package io.timeshard.partitioner;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.partitioner.key.BackupFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compact streams read back every object exactly, whatever its key looks like. */
class PartitionStreamTest {

  private static RestorePlan plan(InMemoryLister lister) {
    return RestorePartitioners.create(
            Map.of(
                "partitioner.class", "io.confluent.connect.storage.partitioner.FieldPartitioner"))
        .plan(lister, PlanRequest.everything(BackupFormat.AVRO));
  }

  @Test
  void oneStartOffsetInTwoFoldersKeepsBothInKeyOrder() {
    InMemoryLister lister = new InMemoryLister(2);
    lister.add(
        "topics/t/z=9/t+0+0000000005.avro",
        "topics/t/a=1/t+0+0000000005.avro",
        "topics/t/a=1/t+0+0000000005.keys.avro",
        "topics/t/m=3/t+0+0000000001.avro",
        "topics/t/b=2/t+0+5.avro");

    List<BackupObject> objects = plan(lister).streams().get(0).objects();

    assertThat(objects)
        .extracting(BackupObject::objectKey)
        .containsExactly(
            "topics/t/m=3/t+0+0000000001.avro",
            "topics/t/a=1/t+0+0000000005.avro",
            "topics/t/b=2/t+0+5.avro",
            "topics/t/z=9/t+0+0000000005.avro");
    assertThat(objects.get(1).keys().orElseThrow().key())
        .isEqualTo("topics/t/a=1/t+0+0000000005.keys.avro");
    assertThat(objects.get(3).keys()).isEmpty();
  }

  @Test
  void aKeyThatDoesNotReadBackFromItsPartsIsKeptWhole() {
    InMemoryLister lister = new InMemoryLister();
    lister.add("topics/t/a=1/t+00+0000000003.avro", "topics/t/a=1/t+0+0000000002.avro");

    RestorePlan plan = plan(lister);

    assertThat(plan.streams().get(0).objects())
        .extracting(BackupObject::objectKey)
        .containsExactly("topics/t/a=1/t+0+0000000002.avro", "topics/t/a=1/t+00+0000000003.avro");
  }

  @Test
  void aStreamBuiltFromObjectsEqualsThePlannedOne() {
    InMemoryLister lister = new InMemoryLister();
    lister.add(
        "topics/t/a=1/t+0+0000000000.avro",
        "topics/t/a=1/t+0+0000000000.headers.avro",
        "topics/t/b=1/t+0+0000000007.avro");
    PartitionStream planned = plan(lister).streams().get(0);

    List<BackupObject> reversed = new ArrayList<>(planned.objects());
    Collections.reverse(reversed);
    PartitionStream rebuilt = new PartitionStream(planned.topicPartition(), reversed);

    assertThat(rebuilt).isEqualTo(planned);
    assertThat(rebuilt.objects()).containsExactlyElementsOf(planned.objects());
    assertThat(rebuilt.bytes()).isEqualTo(planned.bytes()).isEqualTo(200);
  }
}
