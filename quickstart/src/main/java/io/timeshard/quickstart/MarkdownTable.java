package io.timeshard.quickstart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A table printed as GitHub markdown, its columns padded so that it also reads as plain text. */
public final class MarkdownTable {

  private final String[] header;
  private final boolean[] rightAligned;
  private final List<String[]> rows = new ArrayList<>();

  /** Columns whose name starts with {@code >} are right-aligned (the {@code >} is dropped). */
  public MarkdownTable(String... columns) {
    header = new String[columns.length];
    rightAligned = new boolean[columns.length];
    for (int i = 0; i < columns.length; i++) {
      rightAligned[i] = columns[i].startsWith(">");
      header[i] = rightAligned[i] ? columns[i].substring(1) : columns[i];
    }
  }

  public MarkdownTable row(Object... cells) {
    if (cells.length != header.length) {
      throw new IllegalArgumentException(
          "a row of " + cells.length + " cells in a table of " + header.length + " columns");
    }
    rows.add(Arrays.stream(cells).map(c -> c == null ? "" : c.toString()).toArray(String[]::new));
    return this;
  }

  @Override
  public String toString() {
    int[] widths = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      widths[i] = Math.max(3, header[i].length());
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, widths);
    String[] rule = new String[header.length];
    for (int i = 0; i < header.length; i++) {
      rule[i] = rightAligned[i] ? "-".repeat(widths[i] - 1) + ":" : "-".repeat(widths[i]);
    }
    line(out, rule, widths);
    for (String[] row : rows) {
      line(out, row, widths);
    }
    return out.toString();
  }

  private void line(StringBuilder out, String[] cells, int[] widths) {
    out.append('|');
    for (int i = 0; i < cells.length; i++) {
      String pad = " ".repeat(widths[i] - cells[i].length());
      out.append(' ').append(rightAligned[i] ? pad + cells[i] : cells[i] + pad).append(" |");
    }
    out.append('\n');
  }
}
