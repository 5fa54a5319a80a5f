package io.timeshard.benchmarks;

import io.timeshard.quickstart.MarkdownTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rows of the results table, each a measurement and, where one applies, its target. */
final class Results {

  enum Verdict {
    NONE(""),
    MET("met"),
    MISSED("MISSED");

    final String text;

    Verdict(String text) {
      this.text = text;
    }
  }

  record Row(
      String scenario, String store, String run, String measured, String target, Verdict verdict) {}

  private final List<Row> rows = new ArrayList<>();

  void add(String scenario, String store, String run, String measured) {
    rows.add(new Row(scenario, store, run, measured, "", Verdict.NONE));
  }

  void add(String scenario, String store, String run, String measured, String target, boolean met) {
    rows.add(new Row(scenario, store, run, measured, target, met ? Verdict.MET : Verdict.MISSED));
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  String table() {
    MarkdownTable table = new MarkdownTable("scenario", "store", "run", "measured", "target", "");
    for (Row row : rows) {
      table.row(
          row.scenario(), row.store(), row.run(), row.measured(), row.target(), row.verdict().text);
    }
    return table.toString();
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String seconds(double s) {
    return String.format(Locale.ROOT, s < 10 ? "%.2f s" : "%.1f s", s);
  }

  static String ratio(double r) {
    return String.format(Locale.ROOT, r < 10 ? "%.2f" : "%.0f", r);
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024.0));
  }
}
