package lochat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Lochat's version, as Maven built it. */
public final class Version {

  public static final String CURRENT = read();

  private Version() {}

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream("/lochat/version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
