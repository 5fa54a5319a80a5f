package io.timeshard.connect.fetch;

import io.timeshard.partitioner.BackupObject;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * A stream's objects not yet started, in restore order: a cursor over the lists they were queued
 * in, so that a million queued objects of a compact plan stay a few list views, never a million
 * objects in memory.
 */
final class PendingObjects {

  private final Deque<List<BackupObject>> segments = new ArrayDeque<>();
  private int next;
  private int size;
  private BackupObject peeked;

  /** Queues the objects after those already queued; the list must not change afterwards. */
  void addAll(Collection<BackupObject> objects) {
    if (objects.isEmpty()) {
      return;
    }
    segments.add(objects instanceof List<BackupObject> list ? list : List.copyOf(objects));
    size += objects.size();
  }

  /** A cursor of its own over the same objects, from where this one is. */
  PendingObjects copy() {
    PendingObjects copy = new PendingObjects();
    boolean first = true;
    for (List<BackupObject> segment : segments) {
      copy.addAll(first ? segment.subList(next, segment.size()) : segment);
      first = false;
    }
    return copy;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** The next object, or {@code null}. */
  BackupObject peek() {
    if (peeked == null) {
      List<BackupObject> head = segments.peek();
      peeked = head == null ? null : head.get(next);
    }
    return peeked;
  }

  /** Takes the next object, or {@code null}. */
  BackupObject poll() {
    List<BackupObject> head = segments.peek();
    if (head == null) {
      return null;
    }
    BackupObject object = peeked != null ? peeked : head.get(next);
    peeked = null;
    next++;
    size--;
    if (next == head.size()) {
      segments.poll();
      next = 0;
    }
    return object;
  }
}
