package io.timeshard.smt;

/** The version that the plugins report, taken from the jar manifest. */
final class Version {
  /** Reported when the classes do not come from a packaged jar, as in this module's own tests. */
  static final String UNKNOWN = "unknown";

  private static final String CURRENT = read();

  private Version() {}

  static String current() {
    return CURRENT;
  }

  private static String read() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? UNKNOWN : version;
  }
}
