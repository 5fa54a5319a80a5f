package io.timeshard.partitioner.time;

import java.util.Locale;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.joda.time.format.DateTimeFormat;
import org.joda.time.format.DateTimeFormatter;

/** The folder a time-based sink writes a record into, computed the way the sink does. */
final class SinkBucketing {

  private final DateTimeFormatter formatter;
  private final long durationMs;
  private final DateTimeZone zone;

  SinkBucketing(String pathFormat, long durationMs, Locale locale, DateTimeZone zone) {
    this.formatter = DateTimeFormat.forPattern(pathFormat).withZone(zone).withLocale(locale);
    this.durationMs = durationMs;
    this.zone = zone;
  }

  String folderOf(long timestamp) {
    long local = zone.convertUTCToLocal(timestamp);
    long bucketLocal = Math.floorDiv(local, durationMs) * durationMs;
    return formatter.print(new DateTime(zone.convertLocalToUTC(bucketLocal, false), zone));
  }
}
