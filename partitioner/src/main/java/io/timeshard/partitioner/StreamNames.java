package io.timeshard.partitioner;

import io.timeshard.partitioner.key.ExtensionTable;
import io.timeshard.partitioner.time.TimeInterval;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The strings a plan's objects share, held once: each folder a file sits in (with the instants it
 * covers) and each extension. A planned object refers to them by index.
 */
final class StreamNames {

  /**
   * One folder.
   *
   * @param keyPrefix every character of a key before its file name ({@code
   *     topics/t/2025/05/16/13/})
   * @param folder the encoded partition between the topic folder and the file name
   * @param bucket the instants the folder covers, for time-based layouts
   */
  record Folder(String keyPrefix, String folder, Optional<TimeInterval> bucket) {}

  private final List<Folder> folders = new ArrayList<>();
  private final Map<String, Integer> folderIndex = new HashMap<>();
  private final List<ExtensionTable.Extension> extensions = new ArrayList<>();
  private final Map<ExtensionTable.Extension, Integer> extensionIndex = new HashMap<>();

  /** The index of a folder, added on first sight; {@code bucket} is read only then. */
  synchronized int folder(
      String keyPrefix, String folder, java.util.function.Supplier<Optional<TimeInterval>> bucket) {
    Integer index = folderIndex.get(keyPrefix);
    if (index == null) {
      index = folders.size();
      folders.add(new Folder(keyPrefix, folder, bucket.get()));
      folderIndex.put(keyPrefix, index);
    }
    return index;
  }

  /** The index of an extension, or -1 when there are too many to pack (never, in practice). */
  synchronized int extension(ExtensionTable.Extension extension) {
    Integer index = extensionIndex.get(extension);
    if (index == null) {
      if (extensions.size() >= 254) {
        return -1;
      }
      index = extensions.size();
      extensions.add(extension);
      extensionIndex.put(extension, index);
    }
    return index;
  }

  /** The start of the newest time folder, when any folder covers a bounded time. */
  synchronized Optional<Long> newestBucketStart() {
    Optional<Long> newest = Optional.empty();
    for (Folder folder : folders) {
      if (folder.bucket().isPresent() && !folder.bucket().get().isAll()) {
        long start = folder.bucket().get().startMillis();
        if (newest.isEmpty() || start > newest.get()) {
          newest = Optional.of(start);
        }
      }
    }
    return newest;
  }

  synchronized Folder folderAt(int index) {
    return folders.get(index);
  }

  synchronized ExtensionTable.Extension extensionAt(int index) {
    return extensions.get(index);
  }
}
