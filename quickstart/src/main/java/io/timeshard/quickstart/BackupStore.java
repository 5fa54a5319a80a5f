package io.timeshard.quickstart;

import io.timeshard.fixtures.ObjectSink;
import java.io.IOException;
import java.util.Map;

/**
 * Where a sample backup lives while a program restores it: a temporary local folder or a container
 * in Azurite. Closing deletes it.
 */
public interface BackupStore extends AutoCloseable {

  /** Where the backup writer puts objects. */
  ObjectSink sink();

  /** Waits until every object handed to {@link #sink()} is stored. */
  default void awaitWritten() throws IOException {}

  /** The connector keys that select this store ({@code store.url}, {@code azblob.*}). */
  Map<String, String> connectorConfig();

  /** The connector's {@code store.type} of this store: {@code file} or {@code azblob}. */
  default String storeType() {
    return "file";
  }

  /** For messages: {@code file:///tmp/...} or {@code azblob://devstoreaccount1/container}. */
  String describe();

  /** Deletes the backup. */
  @Override
  void close() throws IOException;
}
