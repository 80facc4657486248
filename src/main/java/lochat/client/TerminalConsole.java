package lochat.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * The interactive console: JLine line editing and history, with incoming lines printed above the
 * input line so that they never break into what the user is typing. The typed line is erased
 * when sent; the server's echo is what shows it in the conversation.
 */
final class TerminalConsole implements Console {

  private final Terminal terminal;
  private final LineReader reader;
  private volatile String prompt = "> ";

  TerminalConsole() {
    try {
      terminal = TerminalBuilder.builder().system(true).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    reader = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("lochat")
        .option(LineReader.Option.ERASE_LINE_ON_FINISH, true)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .build();
  }

  @Override
  public Optional<String> readLine() {
    try {
      return Optional.of(reader.readLine(prompt));
    } catch (UserInterruptException | EndOfFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void show(String rawLine, String ownNick) {
    reader.printAbove(LineStyler.style(ServerLine.parse(rawLine), ownNick));
  }

  @Override
  public void info(String text) {
    reader.printAbove(new AttributedString(text, AttributedStyle.DEFAULT.faint()));
  }

  @Override
  public void setPrompt(String prompt) {
    this.prompt = prompt;
    if (reader instanceof LineReaderImpl impl && reader.isReading()) {
      impl.setPrompt(prompt);
      try {
        reader.callWidget(LineReader.REDRAW_LINE);
        reader.callWidget(LineReader.REDISPLAY);
      } catch (IllegalStateException notReading) {
        // The prompt takes effect at the next line.
      }
    }
  }

  @Override
  public boolean interactive() {
    return true;
  }

  @Override
  public void close() {
    try {
      terminal.close();
    } catch (IOException ignored) {
      // Exiting anyway.
    }
  }
}
