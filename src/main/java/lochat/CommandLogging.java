package lochat;

import org.slf4j.LoggerFactory;

/**
 * Logging for the commands people run in a terminal ({@code client}, {@code discover},
 * {@code cluster status}): only warnings of our own, only errors from Pekko, nothing from jmdns,
 * so that what they print is the conversation or the answer. Call it before anything logs:
 * logback.xml reads these properties once, when logging starts, which {@link #quiet} then does.
 */
public final class CommandLogging {

  private CommandLogging() {}

  public static void quiet() {
    System.setProperty("lochat.log.level", "WARN");
    System.setProperty("lochat.pekko.log.level", "ERROR");
    System.setProperty("lochat.jmdns.log.level", "OFF");
    LoggerFactory.getILoggerFactory();
  }
}
