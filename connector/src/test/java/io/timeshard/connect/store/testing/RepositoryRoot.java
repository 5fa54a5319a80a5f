package io.timeshard.connect.store.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root: the nearest folder up from the working directory with a package.json. */
final class RepositoryRoot {

  private RepositoryRoot() {}

  static Path find() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("package.json"))
          && Files.isRegularFile(dir.resolve("mvnw"))) {
        return dir;
      }
    }
    return start;
  }
}
