package io.timeshard.cli.status;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars drawn by the progressbar library into strings, one per task and one in total, so
 * that the command prints them as a block. A bar's times read {@code (watched / ETA)}: the time
 * since the command started watching, and the ETA at the rate measured meanwhile (shown only once
 * there is one).
 */
final class ProgressBars implements AutoCloseable {

  private static final int WIDTH = 100;

  private final Map<String, ProgressBar> bars = new LinkedHashMap<>();
  private final Map<String, String> lines = new ConcurrentHashMap<>();
  private final Map<String, Optional<Duration>> etas = new ConcurrentHashMap<>();

  /** Updates (or starts) the bar {@code name} and returns its line. */
  String render(String name, long done, long max, OptionalDouble etaSeconds, String extra) {
    etas.put(
        name,
        etaSeconds.isPresent()
            ? Optional.of(Duration.ofMillis(Math.round(etaSeconds.getAsDouble() * 1000)))
            : Optional.empty());
    ProgressBar bar =
        bars.computeIfAbsent(
            name,
            n ->
                new ProgressBarBuilder()
                    .setTaskName(n)
                    .setInitialMax(Math.max(max, 0))
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" objects", 1)
                    .setUpdateIntervalMillis(60_000)
                    // Render on every refresh, not only when the count moved.
                    .continuousUpdate()
                    .setEtaFunction(state -> etas.getOrDefault(n, Optional.empty()))
                    .setConsumer(
                        new DelegatingProgressBarConsumer(line -> lines.put(n, clean(line)), WIDTH))
                    .build());
    bar.maxHint(Math.max(max, 0));
    bar.stepTo(done);
    bar.setExtraMessage(extra);
    bar.refresh();
    return lines.getOrDefault(name, name);
  }

  private static String clean(String line) {
    return line.replace("\r", "").replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "").stripTrailing();
  }

  @Override
  public void close() {
    bars.values().forEach(ProgressBar::close);
  }
}
