package io.timeshard.connect.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/** Puts a backup's objects into an emulator on a few threads: test data, written straight to it. */
final class ParallelUpload {

  private static final int THREADS = 8;

  private ParallelUpload() {}

  /**
   * Calls {@code put} for every object, on {@link #THREADS} threads; fails naming {@code where}.
   */
  static void run(Map<String, byte[]> objects, BiConsumer<String, byte[]> put, String where)
      throws InterruptedException {
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> uploads = new ArrayList<>();
      for (Map.Entry<String, byte[]> object : objects.entrySet()) {
        uploads.add(threads.submit(() -> put.accept(object.getKey(), object.getValue())));
      }
      for (Future<?> upload : uploads) {
        upload.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot upload the backup to " + where, e.getCause());
    } finally {
      threads.shutdownNow();
    }
  }
}
