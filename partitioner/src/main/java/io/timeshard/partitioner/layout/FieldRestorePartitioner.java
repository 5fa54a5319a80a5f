package io.timeshard.partitioner.layout;

/**
 * Reads the sinks' {@code FieldPartitioner} layout, {@code <topic>/a=<value>/b=<value>/}. Records
 * of one Kafka partition are spread over many field folders; the Kafka partition and the order come
 * from the file names, so the topic is listed flat like the default layout.
 */
public class FieldRestorePartitioner extends DefaultRestorePartitioner {}
