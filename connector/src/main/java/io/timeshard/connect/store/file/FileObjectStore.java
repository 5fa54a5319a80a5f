package io.timeshard.connect.store.file;

import io.timeshard.connect.store.BoundedInputStream;
import io.timeshard.connect.store.ObjectNotFoundException;
import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.StoreException;
import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.listing.ListingPage;
import io.timeshard.partitioner.listing.ObjectLister;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * A local folder as an object store: keys are paths relative to the root, with {@code /} between
 * folders. Listings hold the whole prefix in one page; a local folder needs no paging.
 */
public final class FileObjectStore implements ObjectStore {

  private final Path root;
  private final String separator;

  public FileObjectStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.separator = this.root.getFileSystem().getSeparator();
  }

  public Path root() {
    return root;
  }

  @Override
  public ListingPage list(String prefix, String delimiter, String pageToken) {
    return listAfter(prefix, delimiter, null, pageToken);
  }

  /**
   * Lists the files after {@code startAfter}, dropping those before it by name, before their
   * attributes are read. A local folder is listed in one page whatever the start key, so this saves
   * no LIST call and {@link #listsFromAKey()} stays false: a planner that listed the whole topic
   * from a key would walk every file of it, where listing level by level opens only the folders it
   * needs.
   */
  @Override
  public ListingPage listAfter(
      String prefix, String delimiter, String startAfter, String pageToken) {
    boolean fromAKey = startAfter != null && !startAfter.isEmpty();
    // The folder that holds every key starting with the prefix.
    int lastSlash = prefix.lastIndexOf('/');
    Path base = lastSlash < 0 ? root : resolve(prefix.substring(0, lastSlash));
    if (!Files.isDirectory(base)) {
      return ListingPage.last(List.of(), List.of());
    }
    TreeSet<String> prefixes = new TreeSet<>();
    List<ListedObject> objects = new ArrayList<>();
    // With the folder delimiter one level is enough; otherwise every file below may match.
    boolean shallow = "/".equals(delimiter);
    BiPredicate<Path, BasicFileAttributes> visit =
        (path, walked) -> {
          String key = keyOf(path);
          if (key.isEmpty() || !key.startsWith(prefix)) {
            return false;
          }
          if (fromAKey
              && ObjectLister.keyOrder(key, startAfter) <= 0
              && !startAfter.startsWith(key)) {
            // Neither after the start key nor a folder that can hold a key after it.
            return false;
          }
          // What a link points to is what is listed.
          BasicFileAttributes attributes =
              walked == null || walked.isSymbolicLink() ? attributes(path) : walked;
          if (shallow && attributes.isDirectory()) {
            prefixes.add(key + "/");
            return false;
          }
          if (!attributes.isRegularFile()) {
            return false;
          }
          int cut = delimiter == null ? -1 : key.indexOf(delimiter, prefix.length());
          if (cut >= 0) {
            prefixes.add(key.substring(0, cut + delimiter.length()));
          } else {
            objects.add(
                new ListedObject(
                    key, attributes.size(), attributes.lastModifiedTime().toInstant()));
          }
          return false;
        };
    // The deep walk reads each file's attributes and hands them over: one stat per file, not two.
    try (Stream<Path> files =
        shallow
            ? Files.list(base).filter(path -> visit.test(path, null))
            : Files.find(base, Integer.MAX_VALUE, visit)) {
      // The visit sees every entry; it keeps none in the stream.
      files.forEach(path -> {});
    } catch (IOException | UncheckedIOException e) {
      throw new StoreException("Cannot list '" + prefix + "' in " + describe(), e);
    }
    return ObjectLister.after(ListingPage.last(List.copyOf(prefixes), objects), startAfter);
  }

  @Override
  public InputStream open(String key) throws IOException {
    try {
      return Files.newInputStream(resolve(key));
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException("No object '" + key + "' in " + describe(), e);
    }
  }

  @Override
  public InputStream open(String key, long offset, long length) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(resolve(key), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException("No object '" + key + "' in " + describe(), e);
    }
    channel.position(offset);
    return new BoundedInputStream(Channels.newInputStream(channel), length);
  }

  @Override
  public long size(String key) throws IOException {
    try {
      return Files.size(resolve(key));
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException("No object '" + key + "' in " + describe(), e);
    }
  }

  @Override
  public String describe() {
    return "file://" + root;
  }

  @Override
  public void close() {}

  private Path resolve(String key) {
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root)) {
      throw new StoreException("Key '" + key + "' points outside " + describe());
    }
    return path;
  }

  /** The key of a path below the root: its text after the root's, with {@code /} between names. */
  private String keyOf(Path path) {
    String text = path.toString();
    String rootText = root.toString();
    // The root's text ends with a separator only when it is the file system's root.
    int start = rootText.endsWith(separator) ? rootText.length() : rootText.length() + 1;
    if (text.length() <= start
        || !text.startsWith(rootText)
        || !text.startsWith(separator, start - separator.length())) {
      return root.relativize(path).toString().replace(separator, "/");
    }
    String key = text.substring(start);
    return "/".equals(separator) ? key : key.replace(separator, "/");
  }

  private static BasicFileAttributes attributes(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
