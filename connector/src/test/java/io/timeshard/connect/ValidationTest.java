package io.timeshard.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /validate} reports each mistake on the key to change, saying what to write instead. */
class ValidationTest {

  private static Map<String, String> timeBased() {
    Map<String, String> config = new HashMap<>();
    config.put("name", "unit");
    config.put("connector.class", RestoreSourceConnector.class.getName());
    config.put("format.class", "io.confluent.connect.azure.blob.storage.format.avro.AvroFormat");
    config.put(
        "partitioner.class", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner");
    config.put("path.format", "YYYY/MM/dd/HH");
    config.put("partition.duration.ms", "60000");
    config.put("locale", "en-US");
    config.put("timezone", "Europe/Madrid");
    config.put("store.url", "file:///tmp");
    return config;
  }

  /** Every error {@code /validate} reports, by key. */
  private static Map<String, List<String>> errors(Map<String, String> config) {
    Config result = new RestoreSourceConnector().validate(config);
    Map<String, List<String>> errors = new TreeMap<>();
    for (ConfigValue value : result.configValues()) {
      if (!value.errorMessages().isEmpty()) {
        errors.put(value.name(), value.errorMessages());
      }
    }
    return errors;
  }

  /** Applies {@code changes}: {@code key=value} pairs separated by {@code ;}, no value removes. */
  private static Map<String, String> with(String changes) {
    Map<String, String> config = timeBased();
    for (String change : changes.split(";")) {
      int eq = change.indexOf('=');
      String key = change.substring(0, eq).trim();
      String value = change.substring(eq + 1).trim();
      if (value.isEmpty()) {
        config.remove(key);
      } else {
        config.put(key, value);
      }
    }
    return config;
  }

  @Test
  void theBaseConfigurationIsValid() {
    assertThat(errors(timeBased())).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          restore.strat=20250516131200                  | restore.strat                     | write restore.start instead
          restore.topic=orders                          | restore.topic                     | write restore.topics instead
          store.ulr=file:///tmp                         | store.ulr                         | write store.url instead
          azblob.acount.name=acct                       | azblob.acount.name                | write azblob.account.name instead
          s3.bucket=backups                             | s3.bucket                         | write s3.bucket.name instead
          store.url=                                    | store.type                        | no store is configured
          store.url=;azblob.container.name=c;gcs.bucket.name=b | store.type                 | set store.type to one of them
          store.url=;azblob.container.name=c            | azblob.account.key                | needs credentials
          store.url=;azblob.container.name=c;azblob.account.name=a;azblob.account.key=not base64! | azblob.account.key | copy key1 or key2
          store.url=;s3.bucket.name=b;aws.access.key.id=AKIA | aws.access.key.id            | Set both aws.access.key.id and aws.secret.access.key
          store.url=;gcs.bucket.name=b;gcs.credentials.path=/no/such/key.json | gcs.credentials.path | no readable file there
          store.url=ftp://backups.example.com/topics    | store.url                         | has the scheme 'ftp', which no store reads
          restore.start=20250516131200;restore.end=2025-05-16T13:12:00 | restore.end        | the window is empty
          restore.start=20250516131400;restore.end=20250516131200 | restore.end             | write an end after the start
          restore.record.timestamp=field                | restore.record.timestamp          | set restore.timestamp.field
          restore.start=16/05/2025                      | restore.start                     | not an ISO-8601 date or date-time
          locale=xx_garbage                             | locale                            | write the sink's locale
          timestamp.extractor=Recrod                    | timestamp.extractor               | write one of [Wallclock, Record, RecordField]
          timestamp.extractor=record                    | timestamp.extractor               | write Record
          topics.dir=/topics                            | topics.dir                        | write topics.dir=topics
          topic.creation.default.partitions=-1          | topic.creation.default.partitions | set it to the backup's partition count
          transforms=drop;transforms.drop.type=org.apache.kafka.connect.transforms.ReplaceField$Value;transforms.drop.blacklist=ts | transforms.drop.blacklist | write transforms.drop.exclude instead
          transforms=keep;transforms.keep.type=org.apache.kafka.connect.transforms.ReplaceField$Key;transforms.keep.whitelist=id | transforms.keep.whitelist | write transforms.keep.include instead
          """)
  void reportsTheMistakeOnItsKey(String changes, String key, String message) {
    Map<String, List<String>> errors = errors(with(changes));

    assertThat(errors).containsOnlyKeys(key);
    assertThat(errors.get(key)).singleElement().asString().contains(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          restore.start=2025-05-16
          restore.start=2025-05-16T13:12;restore.end=2025-05-16T15:14:00+02:00
          restore.start=20250516131200;restore.end=2025-05-16T15:14:00[Europe/Madrid]
          restore.record.timestamp=field;restore.timestamp.field=event_timestamp
          locale=en_US
          timestamp.extractor=RecordField
          timestamp.extractor=com.example.MyExtractor
          topics.dir=backups/prod
          topics.dir=
          tombstone.encoded.partition=deleted
          s3.part.size=5242880;azblob.block.size=4194304;store.kafka.keys=true
          confluent.topic.bootstrap.servers=broker:9092;confluent.license=xyz
          transforms=drop;transforms.drop.type=org.apache.kafka.connect.transforms.ReplaceField$Value;transforms.drop.exclude=ts
          flush.size=1000;rotate.interval.ms=60000
          """)
  void acceptsWhatTheConnectorsAndTheSmtAccept(String changes) {
    assertThat(errors(with(changes))).isEmpty();
  }

  @Test
  void oneMistakeDoesNotHideAnother() {
    Map<String, List<String>> errors =
        errors(with("restore.strat=20250516131200;locale=xx_garbage;store.url=ftp://host/x"));

    assertThat(errors).containsOnlyKeys("restore.strat", "locale", "store.url");
  }

  @Test
  void noMessageHoldsASecret() {
    String secret = "c2VjcmV0!not-base64";
    Map<String, List<String>> errors =
        errors(
            with(
                "store.url=;azblob.container.name=c;azblob.account.name=a;azblob.account.key="
                    + secret));

    assertThat(errors.toString()).doesNotContain(secret).contains("azblob.account.key");
  }
}
