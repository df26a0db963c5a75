package org.catdit.app;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
public final class Version implements IVersionProvider {
  public static String current() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version != null ? version : "development";
  }

  @Override
  public String[] getVersion() {
    return new String[] {"catdit " + current()};
  }
}
