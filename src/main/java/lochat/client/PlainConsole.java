package lochat.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * The console when input or output is not a terminal (a pipe, a file, a script): plain lines in,
 * plain lines out, no colours, no bell. With {@code raw}, server lines are printed exactly as
 * received; otherwise as the styler shows them, with timestamps only when asked for.
 */
final class PlainConsole implements Console {

  private final BufferedReader in;
  private final PrintStream out;
  private final boolean raw;
  private final Timestamps stamps;
  private final Clock clock;

  PlainConsole(InputStream in, PrintStream out, boolean raw, Timestamps stamps, Clock clock) {
    this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    this.out = out;
    this.raw = raw;
    this.stamps = stamps;
    this.clock = clock;
  }

  @Override
  public Optional<TypedLine> readLine() {
    try {
      return Optional.ofNullable(in.readLine()).map(TypedLine::plain);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public synchronized void show(String rawLine, String ownNick) {
    out.println(raw ? rawLine
        : LineStyler.style(ServerLine.parse(rawLine), ownNick, stamps, clock.instant()).toString());
  }

  @Override
  public synchronized void info(String text) {
    out.println(raw ? text : LineStyler.info(text, stamps, clock.instant()).toString());
  }

  @Override
  public void setPrompt(String prompt) {}

  @Override
  public void askSecret(String prompt) {}

  @Override
  public boolean interactive() {
    return false;
  }

  @Override
  public void close() {
    out.flush();
  }
}
