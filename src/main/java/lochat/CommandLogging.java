package lochat;

/**
 * Logging for the commands people run in a terminal ({@code client}, {@code discover}): only
 * warnings of our own, only errors from Pekko, nothing from jmdns, so that what they print is
 * the conversation or the answer. Set before the first logger is made (logback.xml reads these
 * properties once).
 */
public final class CommandLogging {

  private CommandLogging() {}

  public static void quiet() {
    System.setProperty("lochat.log.level", "WARN");
    System.setProperty("lochat.pekko.log.level", "ERROR");
    System.setProperty("lochat.jmdns.log.level", "OFF");
  }
}
