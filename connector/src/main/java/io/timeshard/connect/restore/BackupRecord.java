package io.timeshard.connect.restore;

import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.Headers;

/**
 * One record read back from a backup: its value, and its key and headers when the sink stored them.
 *
 * @param index the record's position in its object, from 0
 * @param last true when no record follows it in its object
 * @param bytes about how much heap it holds once decoded ({@link RecordSizes}), for the memory cap
 */
public record BackupRecord(
    SchemaAndValue key,
    SchemaAndValue value,
    Headers headers,
    long index,
    boolean last,
    long bytes) {}
