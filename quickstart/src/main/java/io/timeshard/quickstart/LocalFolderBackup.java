package io.timeshard.quickstart;

import io.timeshard.fixtures.FolderSink;
import io.timeshard.fixtures.ObjectSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A backup in a new temporary folder, restored with {@code store.url=file:///...}. */
public final class LocalFolderBackup implements BackupStore {

  private final FolderSink sink;

  private LocalFolderBackup(Path root) {
    this.sink = ObjectSink.folder(root);
  }

  /** A new, empty temporary folder whose name starts with {@code prefix}. */
  public static LocalFolderBackup create(String prefix) throws IOException {
    return new LocalFolderBackup(Files.createTempDirectory(prefix));
  }

  public Path root() {
    return sink.root();
  }

  @Override
  public FolderSink sink() {
    return sink;
  }

  @Override
  public Map<String, String> connectorConfig() {
    return Map.of("store.url", root().toUri().toString());
  }

  @Override
  public String describe() {
    return root().toUri().toString();
  }

  @Override
  public void close() throws IOException {
    deleteRecursively(root());
  }

  /** Deletes a folder and everything in it; nothing when it is gone already. */
  public static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
