package io.timeshard.partitioner.layout;

/**
 * Reads the sinks' {@code FieldPartitioner} layout, {@code <topic>/a=<value>/b=<value>/}. Records
 * of one Kafka partition are spread over many field folders; the Kafka partition and the order come
 * from the file names, so the topic is listed flat like the default layout. A field folder named
 * {@code partition=} holds a record field's value, not the Kafka partition: a task lists the whole
 * topic and keeps its own partitions' files.
 */
public class FieldRestorePartitioner extends DefaultRestorePartitioner {

  @Override
  protected boolean partitionFolders() {
    return false;
  }
}
