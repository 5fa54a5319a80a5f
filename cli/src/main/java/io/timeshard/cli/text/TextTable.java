package io.timeshard.cli.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain text table with aligned columns. A column whose header starts with {@code >} is aligned
 * right (numbers); the {@code >} is not printed.
 */
public final class TextTable {

  private final List<String> headers = new ArrayList<>();
  private final List<Boolean> right = new ArrayList<>();
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(String... columns) {
    for (String column : columns) {
      boolean alignRight = column.startsWith(">");
      headers.add(alignRight ? column.substring(1) : column);
      right.add(alignRight);
    }
  }

  public TextTable row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(cell == null ? "" : cell.toString());
    }
    rows.add(row);
    return this;
  }

  @Override
  public String toString() {
    int[] widths = new int[headers.size()];
    for (int c = 0; c < headers.size(); c++) {
      widths[c] = headers.get(c).length();
      for (List<String> row : rows) {
        if (c < row.size()) {
          widths[c] = Math.max(widths[c], row.get(c).length());
        }
      }
    }
    StringBuilder text = new StringBuilder();
    line(text, headers, widths);
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    line(text, rule, widths);
    for (List<String> row : rows) {
      line(text, row, widths);
    }
    return text.toString();
  }

  private void line(StringBuilder text, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      String cell = c < cells.size() ? cells.get(c) : "";
      String format = right.get(c) ? "%" + widths[c] + "s" : "%-" + widths[c] + "s";
      if (c > 0) {
        line.append("  ");
      }
      line.append(String.format(Locale.ROOT, format, cell));
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }

  /** {@code 12,345}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 1.5 MiB}. */
  public static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = n;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** {@code 1h 02m 03s}, {@code 4m 05s}, {@code 6.2 s}. */
  public static String duration(double seconds) {
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    long s = Math.round(seconds);
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3600, (s % 3600) / 60, s % 60);
  }
}
