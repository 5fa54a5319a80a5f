package io.timeshard.partitioner.key;

import java.util.Optional;

/**
 * Parses {@code <topics.dir>/<topic>/<folder>/<topic>+<partition>+<startOffset><ext>}.
 *
 * <p>Partition and offset are read from the right of the file name, the last two {@code +} fields,
 * because the topic may hold any legal topic character; both are parsed as numbers, since the
 * partition is not padded and offsets longer than the pad width are written in full.
 */
public final class ObjectKeyParser {

  private static final char FIELD_DELIM = '+';

  private final String topicsPrefix;
  private final String delim;
  private final ExtensionTable extensions;
  private final String tombstoneFolder;

  /** A parser for a backup whose tombstones, if any, sit in the sinks' default folder. */
  public ObjectKeyParser(String topicsDir, String delim, ExtensionTable extensions) {
    this(topicsDir, delim, extensions, DEFAULT_TOMBSTONE_FOLDER);
  }

  /**
   * @param topicsDir the sink's {@code topics.dir}: empty, one level or several ({@code a/b})
   * @param delim the sink's {@code directory.delim}
   * @param extensions the recognised extensions
   * @param tombstoneFolder the sink's {@code tombstone.encoded.partition}: the folder of keys-only
   *     objects that stand for records with a null value
   */
  public ObjectKeyParser(
      String topicsDir, String delim, ExtensionTable extensions, String tombstoneFolder) {
    if (delim == null || delim.isEmpty()) {
      throw new IllegalArgumentException("directory delimiter must not be empty");
    }
    this.delim = delim;
    this.extensions = extensions;
    this.topicsPrefix = topicsPrefix(topicsDir, delim);
    this.tombstoneFolder = stripDelims(tombstoneFolder == null ? "" : tombstoneFolder, delim);
  }

  /** The sinks' default {@code tombstone.encoded.partition}. */
  public static final String DEFAULT_TOMBSTONE_FOLDER = "tombstone";

  /** The folder (encoded partition) where the sink wrote tombstones. */
  public String tombstoneFolder() {
    return tombstoneFolder;
  }

  /** True when {@code folder}, an {@link ObjectKey#folder()}, is the tombstone folder. */
  public boolean isTombstoneFolder(String folder) {
    return !tombstoneFolder.isEmpty() && tombstoneFolder.equals(folder);
  }

  private static String stripDelims(String folder, String delim) {
    String result = folder.trim();
    while (result.startsWith(delim)) {
      result = result.substring(delim.length());
    }
    while (result.endsWith(delim)) {
      result = result.substring(0, result.length() - delim.length());
    }
    return result;
  }

  /** The key prefix under which topic folders sit: {@code topics/}, or empty. */
  public static String topicsPrefix(String topicsDir, String delim) {
    String dir = topicsDir == null ? "" : topicsDir;
    while (dir.endsWith(delim)) {
      dir = dir.substring(0, dir.length() - delim.length());
    }
    return dir.isEmpty() ? "" : dir + delim;
  }

  public String topicsPrefix() {
    return topicsPrefix;
  }

  /** The prefix of one topic's folder: {@code topics/orders/}. */
  public String topicPrefix(String topic) {
    return topicsPrefix + topic + delim;
  }

  public String delimiter() {
    return delim;
  }

  ExtensionTable extensions() {
    return extensions;
  }

  public KeyParse parse(String key) {
    if (!key.startsWith(topicsPrefix)) {
      return new KeyParse.Rejected(key, "not under topics.dir '" + topicsPrefix + "'");
    }
    String rest = key.substring(topicsPrefix.length());
    int lastDelim = rest.lastIndexOf(delim);
    if (lastDelim <= 0) {
      return new KeyParse.Rejected(key, "no topic folder above the file name");
    }
    String fileName = rest.substring(lastDelim + delim.length());
    String parentPath = rest.substring(0, lastDelim);

    int offsetSep = fileName.lastIndexOf(FIELD_DELIM);
    int partitionSep = offsetSep <= 0 ? -1 : fileName.lastIndexOf(FIELD_DELIM, offsetSep - 1);
    if (partitionSep <= 0) {
      return new KeyParse.Rejected(key, "file name is not <topic>+<partition>+<offset><ext>");
    }
    String fileTopic = fileName.substring(0, partitionSep);
    String partitionText = fileName.substring(partitionSep + 1, offsetSep);
    String tail = fileName.substring(offsetSep + 1);
    int digits = leadingDigits(tail);
    if (digits == 0 || !isDigits(partitionText)) {
      return new KeyParse.Rejected(key, "partition or start offset is not a number");
    }
    Optional<Integer> partition = parseInt(partitionText);
    Optional<Long> offset = parseLong(tail.substring(0, digits));
    if (partition.isEmpty() || offset.isEmpty()) {
      return new KeyParse.Rejected(key, "partition or start offset is out of range");
    }

    String suffix = tail.substring(digits);
    Optional<ExtensionTable.Extension> extension = extensions.match(suffix);
    if (extension.isEmpty()) {
      return new KeyParse.Rejected(key, "unknown extension '" + suffix + "'");
    }
    String infix = suffix.substring(0, suffix.length() - extension.get().suffix().length());
    Optional<ObjectRole> role = Optional.ofNullable(ObjectRole.ofInfix(infix, 0, infix.length()));
    if (role.isEmpty()) {
      return new KeyParse.Rejected(key, "unknown extension '" + suffix + "'");
    }

    // The folder topic is normally the file's topic; reading it that way keeps topics whose names
    // contain the delimiter intact. Otherwise the file sits in another topic's folder.
    String folderTopic;
    String folderPath;
    if (parentPath.equals(fileTopic)) {
      folderTopic = fileTopic;
      folderPath = "";
    } else if (parentPath.startsWith(fileTopic + delim)) {
      folderTopic = fileTopic;
      folderPath = parentPath.substring(fileTopic.length() + delim.length());
    } else {
      int topicEnd = parentPath.indexOf(delim);
      folderTopic = topicEnd < 0 ? parentPath : parentPath.substring(0, topicEnd);
      folderPath = topicEnd < 0 ? "" : parentPath.substring(topicEnd + delim.length());
    }
    return new KeyParse.Parsed(
        new ObjectKey(
            key,
            folderTopic,
            folderPath,
            fileTopic,
            partition.get(),
            offset.get(),
            role.get(),
            extension.get()));
  }

  private static int leadingDigits(String s) {
    int i = 0;
    while (i < s.length() && isAsciiDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isDigits(String s) {
    return !s.isEmpty() && leadingDigits(s) == s.length();
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static Optional<Integer> parseInt(String digits) {
    try {
      return Optional.of(Integer.parseInt(digits));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Long> parseLong(String digits) {
    try {
      return Optional.of(Long.parseLong(digits));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
