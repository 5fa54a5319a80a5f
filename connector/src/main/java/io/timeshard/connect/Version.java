package io.timeshard.connect;

/** The plugin's version, from the jar's manifest. */
public final class Version {

  private static final String VERSION =
      Version.class.getPackage().getImplementationVersion() == null
          ? "0.1.0-SNAPSHOT"
          : Version.class.getPackage().getImplementationVersion();

  private Version() {}

  public static String get() {
    return VERSION;
  }
}
