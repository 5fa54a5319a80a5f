package io.timeshard.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a blocking read's wait costs the CPU, whatever the store: {@code threads} threads each
 * sleeping {@code ms} in a loop, as fetch threads blocked on a store's answer do, and the process's
 * CPU time per sleep and wake-up. Scenario A's analysis of its run with latency uses it:
 *
 * <pre>java -cp benchmarks/target/classes io.timeshard.benchmarks.SleepWakeCost 512 20 5</pre>
 */
public final class SleepWakeCost {

  private SleepWakeCost() {}

  public static void main(String[] args) throws InterruptedException {
    int threads = Integer.parseInt(args[0]);
    long sleepMs = Long.parseLong(args[1]);
    int seconds = Integer.parseInt(args[2]);
    LongAdder wakes = new LongAdder();
    for (int i = 0; i < threads; i++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  while (true) {
                    Thread.sleep(sleepMs);
                    wakes.increment();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      thread.setDaemon(true);
      thread.start();
    }
    Thread.sleep(1000);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    long wakesBefore = wakes.sum();
    long started = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
    long woken = wakes.sum() - wakesBefore;
    double elapsed = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%d threads sleeping %d ms: %.0f wake-ups/s, %.2f cores busy, %.1f us of CPU a sleep and"
            + " wake-up%n",
        threads,
        sleepMs,
        woken / elapsed,
        cpuSeconds / elapsed,
        cpuSeconds * 1e6 / woken);
  }
}
