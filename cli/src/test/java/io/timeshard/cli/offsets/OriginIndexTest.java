package io.timeshard.cli.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.cli.offsets.OriginIndex.Kind;
import io.timeshard.cli.offsets.OriginIndex.Translation;
import io.timeshard.connect.restore.OriginHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginIndexTest {

  /**
   * Restored offsets 0-9 hold, in order: object 10 with records at original 10, 11, 12 (contiguous:
   * the next object starts at 13); object 13 with 3 records, the next object at 20 (gaps: 13, then
   * two of 14..19); object 20 with records 20, 21, ? (the last object: no upper bound after its
   * first record); restored offset 9 is a transaction marker of the restore.
   */
  private static OriginIndex index(boolean mayInterleave) {
    OriginIndex index = new OriginIndex(mayInterleave);
    long offset = 0;
    for (int i = 0; i < 3; i++) {
      index.add(offset++, new OriginHeader(10, i, i == 2));
    }
    for (int i = 0; i < 3; i++) {
      index.add(offset++, new OriginHeader(13, i, i == 2));
    }
    for (int i = 0; i < 3; i++) {
      index.add(offset++, new OriginHeader(20, i, i == 2));
    }
    index.endOffset(10);
    return index;
  }

  @ParameterizedTest(name = "committed {0}")
  @CsvSource({
    // before the first restored record: the first
    "0, BEFORE_FIRST, 0, 0",
    "10, EXACT, 0, 0",
    // in the contiguous object: exact
    "11, EXACT, 1, 0",
    "12, EXACT, 2, 0",
    "13, EXACT, 3, 0",
    // within object 13's gaps: record 1 may be anywhere in 14..18, record 2 in 15..19
    "14, EXACT, 4, 0",
    "15, CONSERVATIVE, 4, 1",
    "17, CONSERVATIVE, 4, 2",
    "19, CONSERVATIVE, 5, 1",
    "20, EXACT, 6, 0",
    // the last object's records after its first have no upper bound
    "21, EXACT, 7, 0",
    "500, CONSERVATIVE, 7, 2",
  })
  void mapsWithoutSkipping(long committed, Kind kind, long restored, long again) {
    Translation translation = index(false).translate(committed);
    assertThat(translation).isEqualTo(new Translation(kind, restored, again));
  }

  @ParameterizedTest(name = "committed {0}")
  @CsvSource({"10, 0", "11, 1", "14, 1", "20, 1"})
  void interleavingLayoutsGoBackToTheFirstRecordAfterAnObjectsFirst(long committed, long restored) {
    assertThat(index(true).translate(committed).restoredOffset()).isEqualTo(restored);
  }

  @org.junit.jupiter.api.Test
  void afterAProvenLastRecordItIsTheEnd() {
    OriginIndex index = new OriginIndex(false);
    index.add(0, new OriginHeader(0, 0, false));
    index.add(1, new OriginHeader(0, 1, true));
    index.add(2, new OriginHeader(2, 0, true));
    index.endOffset(3);
    assertThat(index.translate(3)).isEqualTo(new Translation(Kind.AFTER_LAST, 3, 0));
    assertThat(index.translate(2)).isEqualTo(new Translation(Kind.EXACT, 2, 0));
    assertThat(index.translate(1)).isEqualTo(new Translation(Kind.EXACT, 1, 0));
  }
}
