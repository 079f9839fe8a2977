package dev.sagemill.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The sagemill library version, read once from a resource written by the build. Thread-safe. */
public final class SagemillVersion {
  private SagemillVersion() {}

  private static final class Holder {
    static final String VERSION = read();

    private static String read() {
      try (InputStream in = SagemillVersion.class.getResourceAsStream("version.properties")) {
        if (in == null) {
          return "unknown";
        }
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      } catch (IOException e) {
        return "unknown";
      }
    }
  }

  /** @return the version, e.g. {@code 0.1.0}, or {@code unknown} outside a built jar */
  public static String get() {
    return Holder.VERSION;
  }
}
