package lochat.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The console when input or output is not a terminal (a pipe, a file, a script): plain lines in,
 * plain lines out, no colours. With {@code raw}, server lines are printed exactly as received.
 */
final class PlainConsole implements Console {

  private final BufferedReader in;
  private final PrintStream out;
  private final boolean raw;

  PlainConsole(InputStream in, PrintStream out, boolean raw) {
    this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    this.out = out;
    this.raw = raw;
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
    out.println(raw ? rawLine : LineStyler.style(ServerLine.parse(rawLine), ownNick).toString());
  }

  @Override
  public synchronized void info(String text) {
    out.println(text);
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
