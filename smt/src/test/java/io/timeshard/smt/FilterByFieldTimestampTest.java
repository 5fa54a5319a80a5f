package io.timeshard.smt;

import static io.timeshard.smt.TestRecords.AFTER;
import static io.timeshard.smt.TestRecords.BEFORE;
import static io.timeshard.smt.TestRecords.END_INSTANT;
import static io.timeshard.smt.TestRecords.INSIDE;
import static io.timeshard.smt.TestRecords.START_INSTANT;
import static io.timeshard.smt.TestRecords.eventStruct;
import static io.timeshard.smt.TestRecords.filter;
import static io.timeshard.smt.TestRecords.keeps;
import static io.timeshard.smt.TestRecords.mapWith;
import static io.timeshard.smt.TestRecords.props;
import static io.timeshard.smt.TestRecords.record;
import static io.timeshard.smt.TestRecords.structWith;
import static io.timeshard.smt.TestRecords.windowProps;
import static io.timeshard.smt.TestRecords.withTimestamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterByFieldTimestampTest {

  /** The restore recipe: the plain class name, the field written by InsertField, two bounds. */
  @ParameterizedTest(name = "{0} kept: {1}")
  @CsvSource({
    "2025-05-16T13:11:59.999Z, false",
    "2025-05-16T13:12:00.000Z, true",
    "2025-05-16T13:12:00.001Z, true",
    "2025-05-16T13:13:59.999Z, true",
    "2025-05-16T13:14:00.000Z, false",
    "2025-05-16T13:14:00.001Z, false",
  })
  void startIsInclusiveAndEndIsExclusive(Instant time, boolean kept) {
    SinkRecord record = record(eventStruct(time));

    assertThat(keeps(filter(windowProps()), record)).isEqualTo(kept);
    assertThat(
            keeps(
                TestRecords.configured(new FilterByFieldTimestamp.Value<>(), windowProps()),
                record))
        .isEqualTo(kept);
  }

  @ParameterizedTest(name = "{0} kept: {1}")
  @CsvSource({
    "2025-05-16T13:11:59.999Z, true",
    "2025-05-16T13:12:00.000Z, false",
    "2025-05-16T13:13:59.999Z, false",
    "2025-05-16T13:14:00.000Z, true",
  })
  void excludeModeDropsTheWindowAndKeepsTheRest(Instant time, boolean kept) {
    assertThat(keeps(filter(windowProps("mode", "exclude")), record(eventStruct(time))))
        .isEqualTo(kept);
  }

  @ParameterizedTest(name = "{0} kept: {1}")
  @CsvSource({
    "1970-01-01T00:00:00Z, false",
    "2025-05-16T13:11:59.999Z, false",
    "2025-05-16T13:12:00.000Z, true",
    "9999-12-31T23:59:59.999Z, true",
  })
  void withoutAnEndTheWindowIsOpenToTheFuture(Instant time, boolean kept) {
    Map<String, String> props = windowProps();
    props.remove("end.datetime");

    assertThat(keeps(filter(props), record(eventStruct(time)))).isEqualTo(kept);
  }

  @ParameterizedTest(name = "{0} kept: {1}")
  @CsvSource({
    "1970-01-01T00:00:00Z, true",
    "2025-05-16T13:13:59.999Z, true",
    "2025-05-16T13:14:00.000Z, false",
    "9999-12-31T23:59:59.999Z, false",
  })
  void withoutAStartTheWindowIsOpenToThePast(Instant time, boolean kept) {
    Map<String, String> props = windowProps();
    props.remove("start.datetime");

    assertThat(keeps(filter(props), record(eventStruct(time)))).isEqualTo(kept);
  }

  @Test
  void withoutBoundsEveryRecordWithATimeIsInside() {
    var filter = filter(props("timestamp.field", "event_timestamp"));

    assertThat(keeps(filter, record(eventStruct(Instant.EPOCH)))).isTrue();
    assertThat(keeps(filter, record(eventStruct(null)))).isFalse();
  }

  @Test
  void keyVariantReadsTheFieldFromTheKey() {
    SinkRecord insideByKey =
        record(eventStruct(INSIDE), eventStruct(BEFORE), null, new ConnectHeaders());
    SinkRecord outsideByKey =
        record(eventStruct(BEFORE), eventStruct(INSIDE), null, new ConnectHeaders());
    var keyFilter = TestRecords.configured(new FilterByFieldTimestamp.Key<>(), windowProps());
    var valueFilter = TestRecords.configured(new FilterByFieldTimestamp.Value<>(), windowProps());

    assertThat(keeps(keyFilter, insideByKey)).isTrue();
    assertThat(keeps(keyFilter, outsideByKey)).isFalse();
    assertThat(keeps(valueFilter, insideByKey)).isFalse();
    assertThat(keeps(valueFilter, outsideByKey)).isTrue();
  }

  @Test
  void nestedFieldsAreFoundInStructsAndMaps() {
    Schema meta = SchemaBuilder.struct().field("ts", Schema.INT64_SCHEMA).build();
    Schema value = SchemaBuilder.struct().field("meta", meta).build();
    Struct nestedStruct =
        new Struct(value).put("meta", new Struct(meta).put("ts", INSIDE.toEpochMilli()));
    Map<String, Object> nestedMap = mapWith("meta", mapWith("ts", INSIDE.toEpochMilli()));
    Map<String, Object> structInMap =
        mapWith("meta", structWith("ts", Schema.INT64_SCHEMA, INSIDE.toEpochMilli()));
    Map<String, Object> outside = mapWith("meta", mapWith("ts", BEFORE.toEpochMilli()));
    var filter = filter(windowProps("timestamp.field", "meta.ts"));

    assertThat(keeps(filter, record(nestedStruct))).isTrue();
    assertThat(keeps(filter, record(nestedMap))).isTrue();
    assertThat(keeps(filter, record(structInMap))).isTrue();
    assertThat(keeps(filter, record(outside))).isFalse();
  }

  @Test
  void recordSourceUsesTheRecordTimestamp() {
    var filter = filter(windowProps("timestamp.source", "record"));

    assertThat(keeps(filter, withTimestamp(START_INSTANT))).isTrue();
    assertThat(keeps(filter, withTimestamp(START_INSTANT.minusMillis(1)))).isFalse();
    assertThat(keeps(filter, withTimestamp(END_INSTANT.minusMillis(1)))).isTrue();
    assertThat(keeps(filter, withTimestamp(END_INSTANT))).isFalse();
    assertThat(keeps(filter, withTimestamp(null))).isFalse();
  }

  @Test
  void headerSourceReadsTheLastHeaderWithTheName() {
    var filter = filter(windowProps("timestamp.source", "header", "timestamp.header", "ts"));
    ConnectHeaders longHeader = new ConnectHeaders();
    longHeader.addLong("ts", INSIDE.toEpochMilli());
    ConnectHeaders stringHeader = new ConnectHeaders();
    stringHeader.addString("ts", "2025-05-16T13:13:00Z");
    ConnectHeaders timestampHeader = new ConnectHeaders();
    timestampHeader.addTimestamp("ts", TestRecords.date(INSIDE));
    ConnectHeaders repeated = new ConnectHeaders();
    repeated.addLong("ts", INSIDE.toEpochMilli()).addLong("ts", AFTER.toEpochMilli());

    assertThat(keeps(filter, record(null, mapWith("id", 1), null, longHeader))).isTrue();
    assertThat(keeps(filter, record(null, mapWith("id", 1), null, stringHeader))).isTrue();
    assertThat(keeps(filter, record(null, mapWith("id", 1), null, timestampHeader))).isTrue();
    assertThat(keeps(filter, record(null, mapWith("id", 1), null, repeated))).isFalse();
    assertThat(keeps(filter, record(null, mapWith("id", 1), null, new ConnectHeaders()))).isFalse();
  }

  @ParameterizedTest(name = "on.missing={0}")
  @ValueSource(strings = {"exclude", "include"})
  void recordsWithoutAUsableTimeFollowOnMissingWhateverTheMode(String onMissing) {
    boolean kept = onMissing.equals("include");
    for (String mode : new String[] {"include", "exclude"}) {
      var filter = filter(windowProps("on.missing", onMissing, "mode", mode));
      for (SinkRecord record : recordsWithoutAUsableTime()) {
        assertThat(keeps(filter, record)).as("%s in mode %s", record, mode).isEqualTo(kept);
      }
    }
  }

  @Test
  void missingTimeIsExcludedByDefault() {
    var filter = filter(windowProps());

    for (SinkRecord record : recordsWithoutAUsableTime()) {
      assertThat(keeps(filter, record)).as("%s", record).isFalse();
    }
  }

  @Test
  void failNamesTheRecordTheFieldAndTheValue() {
    var filter = filter(windowProps("on.missing", "fail"));

    assertThatThrownBy(() -> filter.apply(record(mapWith("event_timestamp", "not a time"))))
        .isInstanceOf(DataException.class)
        .hasMessageContainingAll(
            "topic 'orders'",
            "partition 3",
            "offset 42",
            "field 'event_timestamp'",
            "'not a time'",
            "on.missing=fail");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no-field   | field 'event_timestamp' is missing: the record value has no key 'event_timestamp'",
        "no-struct-field | field 'event_timestamp' is missing: the record value has no field"
            + " 'event_timestamp'",
        "null-field | field 'event_timestamp' is null",
        "wrong-type | field 'event_timestamp' holds true (java.lang.Boolean), which is not a Connect"
            + " Timestamp, an int64 or int32 epoch value or a string",
        "bad-string | field 'event_timestamp' holds '16/05/2025', which is not ISO-8601",
        "string     | the record value is a java.lang.String, not a Struct or a Map",
      })
  void failSaysWhyTheTimeIsMissing(String kind, String reason) {
    var filter = filter(windowProps("on.missing", "fail"));
    Object value =
        switch (kind) {
          case "no-field" -> mapWith("id", 1);
          case "no-struct-field" -> structWith("id", Schema.INT32_SCHEMA, 1);
          case "null-field" -> mapWith("event_timestamp", null);
          case "wrong-type" -> mapWith("event_timestamp", true);
          case "bad-string" -> mapWith("event_timestamp", "16/05/2025");
          default -> "a plain string";
        };

    assertThatThrownBy(() -> filter.apply(record(value)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void failOnASourceRecordNamesItsSourceOffset() {
    FilterByFieldTimestamp<SourceRecord> filter = new FilterByFieldTimestamp<>();
    filter.configure(windowProps("on.missing", "fail"));
    SourceRecord record =
        new SourceRecord(
            Map.of("object", "topics/orders/partition=3/orders+3+0000000040.json"),
            Map.of("index", 2L),
            "orders",
            3,
            null,
            mapWith("event_timestamp", null));

    assertThatThrownBy(() -> filter.apply(record))
        .isInstanceOf(DataException.class)
        .hasMessageContainingAll(
            "topic 'orders', partition 3, source offset {index=2}",
            "field 'event_timestamp' is null");
  }

  @Test
  void failWithNestedFieldSaysWhichLevelIsMissing() {
    var filter = filter(windowProps("on.missing", "fail", "timestamp.field", "meta.ts"));

    assertThatThrownBy(() -> filter.apply(record(mapWith("meta", mapWith("other", 1)))))
        .hasMessageContaining("field 'meta.ts' is missing: field 'meta' has no key 'ts'");
    assertThatThrownBy(() -> filter.apply(record(mapWith("meta", 7))))
        .hasMessageContaining("field 'meta' is a java.lang.Integer, not a Struct or a Map");
    assertThatThrownBy(() -> filter.apply(record(mapWith("meta", null))))
        .hasMessageContaining("field 'meta' is null");
  }

  @Test
  void failWithHeaderOrRecordSourceSaysWhatIsMissing() {
    var byHeader =
        filter(
            windowProps(
                "timestamp.source", "header", "timestamp.header", "ts", "on.missing", "fail"));
    var byTimestamp = filter(windowProps("timestamp.source", "record", "on.missing", "fail"));
    ConnectHeaders badHeader = new ConnectHeaders();
    badHeader.addString("ts", "yesterday");

    assertThatThrownBy(() -> byHeader.apply(record(mapWith("id", 1))))
        .hasMessageContaining("header 'ts' is missing");
    assertThatThrownBy(() -> byHeader.apply(record(null, mapWith("id", 1), null, badHeader)))
        .hasMessageContaining("header 'ts' holds 'yesterday', which is not ISO-8601");
    assertThatThrownBy(() -> byTimestamp.apply(withTimestamp(null)))
        .hasMessageContaining("the record has no timestamp");
  }

  @Test
  void tombstonesPassThroughByDefault() {
    SinkRecord tombstone = record(null);

    assertThat(keeps(filter(windowProps()), tombstone)).isTrue();
    assertThat(keeps(filter(windowProps("on.missing", "fail")), tombstone)).isTrue();
    assertThat(keeps(filter(windowProps("mode", "exclude")), tombstone)).isTrue();
  }

  @Test
  void tombstonesAreDroppedWithOnTombstoneExclude() {
    assertThat(keeps(filter(windowProps("on.tombstone", "exclude")), record(null))).isFalse();
  }

  @Test
  void tombstonesAreJudgedByTheirTimeWithOnTombstoneWindow() {
    var byTimestamp = filter(windowProps("on.tombstone", "window", "timestamp.source", "record"));
    var byKey =
        TestRecords.configured(
            new FilterByFieldTimestamp.Key<>(), windowProps("on.tombstone", "window"));
    var byValue = filter(windowProps("on.tombstone", "window", "on.missing", "include"));

    assertThat(keeps(byTimestamp, record(null, null, INSIDE.toEpochMilli(), new ConnectHeaders())))
        .isTrue();
    assertThat(keeps(byTimestamp, record(null, null, AFTER.toEpochMilli(), new ConnectHeaders())))
        .isFalse();
    assertThat(keeps(byKey, record(eventStruct(INSIDE), null, null, new ConnectHeaders())))
        .isTrue();
    assertThat(keeps(byKey, record(eventStruct(BEFORE), null, null, new ConnectHeaders())))
        .isFalse();
    assertThat(keeps(byValue, record(null))).as("no time in a null value: on.missing").isTrue();
  }

  @Test
  void reconfiguringReplacesTheWindow() {
    var filter = filter(windowProps());
    filter.configure(windowProps("start.datetime", "20250516131300"));

    assertThat(keeps(filter, record(eventStruct(Instant.parse("2025-05-16T13:12:30Z"))))).isFalse();
    assertThat(keeps(filter, record(eventStruct(Instant.parse("2025-05-16T13:13:30Z"))))).isTrue();
  }

  private static SinkRecord[] recordsWithoutAUsableTime() {
    return new SinkRecord[] {
      record(mapWith("id", 1)),
      record(mapWith("event_timestamp", null)),
      record(mapWith("event_timestamp", "not a time")),
      record(mapWith("event_timestamp", 1.5d)),
      record(eventStruct(null)),
      record(structWith("id", Schema.INT32_SCHEMA, 1)),
      record("a plain string value"),
    };
  }
}
