package io.timeshard.connect.fetch;

import java.lang.management.ManagementFactory;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Whether this process leaves part of its cores idle. More reads in flight hide the store's latency
 * only while there is CPU to decode what they bring: when the process already keeps its cores busy,
 * a poll that waits is waiting on the CPU, not on the store, and more fetch threads only take turns
 * on the same cores (on two cores, 128 fetch threads a task made a restore of one-record objects a
 * third slower than 8).
 *
 * <p>The process's CPU time is sampled at most once per {@link #WINDOW_NANOS}; the answer is
 * whether it used less than {@link #BUSY} of its cores over the last window. Where the JVM does not
 * tell its CPU time, the cores are taken as idle. Thread-safe.
 */
public final class IdleCores implements BooleanSupplier {

  /** The shortest window CPU use is measured over. */
  static final long WINDOW_NANOS = 100_000_000L;

  /** The share of its cores above which the process counts as busy. */
  static final double BUSY = 0.9;

  /** This process's cores, as the JVM sees them (a container's limit included). */
  public static final IdleCores PROCESS =
      new IdleCores(
          IdleCores::processCpuNanos, System::nanoTime, Runtime.getRuntime().availableProcessors());

  private final LongSupplier cpuNanos;
  private final LongSupplier wallNanos;
  private final int cores;
  private boolean sampled;
  private long lastCpu;
  private long lastWall;
  private boolean idle = true;

  /**
   * @param cpuNanos the process's CPU time so far, negative where unknown
   * @param wallNanos a monotonic clock
   */
  IdleCores(LongSupplier cpuNanos, LongSupplier wallNanos, int cores) {
    this.cpuNanos = cpuNanos;
    this.wallNanos = wallNanos;
    this.cores = Math.max(1, cores);
  }

  @Override
  public synchronized boolean getAsBoolean() {
    long wall = wallNanos.getAsLong();
    if (sampled && wall - lastWall < WINDOW_NANOS) {
      return idle;
    }
    long cpu = cpuNanos.getAsLong();
    if (cpu < 0) {
      return true;
    }
    if (sampled) {
      idle = cpu - lastCpu < BUSY * cores * (wall - lastWall);
    }
    sampled = true;
    lastCpu = cpu;
    lastWall = wall;
    return idle;
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
