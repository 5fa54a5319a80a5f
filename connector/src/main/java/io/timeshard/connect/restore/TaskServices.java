package io.timeshard.connect.restore;

import io.timeshard.connect.store.ObjectStore;
import io.timeshard.partitioner.key.BackupFormat;
import java.util.function.Function;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.Headers;

/**
 * What a task reads with: the store, the readers, and how companions become keys and headers. Built
 * from the configuration in production; handed in by tests.
 *
 * @param store the store holding the backup
 * @param formats the reader of each format
 * @param valueFormat the format of the value objects restored
 * @param keyDecoder turns a {@code .keys} record into a record key
 * @param headerDecoder turns a {@code .headers} record into headers
 */
public record TaskServices(
    ObjectStore store,
    FormatLookup formats,
    BackupFormat valueFormat,
    Function<SchemaAndValue, SchemaAndValue> keyDecoder,
    Function<SchemaAndValue, Headers> headerDecoder) {}
