package io.timeshard.partitioner.key;

import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * A backup object key, parsed: {@code
 * <topics.dir>/<topic>/<folder>/<topic>+<partition>+<offset><ext>}.
 *
 * @param key the full object key
 * @param folderTopic the topic named by the folder under {@code topics.dir}
 * @param folder the encoded partition, between the topic folder and the file name, without leading
 *     or trailing delimiter ({@code partition=3}, {@code 2025/05/16/13}); may be empty
 * @param fileTopic the topic named in the file name; differs from {@code folderTopic} only for a
 *     misplaced file
 * @param partition the Kafka partition from the file name
 * @param startOffset the Kafka offset of the object's first record
 * @param role values, keys or headers
 * @param extension the format's extension
 */
public record ObjectKey(
    String key,
    String folderTopic,
    String folder,
    String fileTopic,
    int partition,
    long startOffset,
    ObjectRole role,
    ExtensionTable.Extension extension) {

  public ObjectKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(extension, "extension");
  }

  public TopicPartition topicPartition() {
    return new TopicPartition(fileTopic, partition);
  }

  public BackupFormat format() {
    return extension.format();
  }

  /** True when the file name names the topic of the folder it sits in. */
  public boolean inOwnTopicFolder() {
    return folderTopic.equals(fileTopic);
  }
}
