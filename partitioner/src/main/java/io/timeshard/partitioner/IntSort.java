package io.timeshard.partitioner;

/** Sorts an array of ints by a comparator of their own, without boxing them: a merge sort. */
final class IntSort {

  /** Compares two ints. */
  @FunctionalInterface
  interface IntComparator {
    int compare(int a, int b);
  }

  private IntSort() {}

  static void sort(int[] values, IntComparator comparator) {
    if (values.length < 2) {
      return;
    }
    int[] buffer = new int[values.length];
    int[] from = values;
    int[] to = buffer;
    for (int width = 1; width < values.length; width *= 2) {
      for (int start = 0; start < values.length; start += 2 * width) {
        int middle = Math.min(start + width, values.length);
        int end = Math.min(start + 2 * width, values.length);
        int left = start;
        int right = middle;
        int out = start;
        while (left < middle && right < end) {
          to[out++] =
              comparator.compare(from[right], from[left]) < 0 ? from[right++] : from[left++];
        }
        while (left < middle) {
          to[out++] = from[left++];
        }
        while (right < end) {
          to[out++] = from[right++];
        }
      }
      int[] swap = from;
      from = to;
      to = swap;
    }
    if (from != values) {
      System.arraycopy(from, 0, values, 0, values.length);
    }
  }
}
