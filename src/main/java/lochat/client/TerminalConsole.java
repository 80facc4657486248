package lochat.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.MaskingCallback;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive console, on JLine: line editing, Tab completion of commands, nicknames and
 * rooms ({@link Completions} over {@link KnownNames}), history kept across runs
 * ({@link HistoryFile}), timestamps, and the bell and a marked window title when someone calls
 * the user ({@link Alerts}). Incoming lines are printed above the input line so that they never
 * break into what the user is typing; the typed line is erased when sent, and the server's echo
 * is what shows it in the conversation. The password prompt reads without echo and keeps the
 * line out of every history.
 *
 * <p>Closing interrupts a read in progress, which makes JLine erase the prompt and the
 * half-typed line, so the shell's prompt starts on a clean line.
 */
final class TerminalConsole implements Console {

  private final Terminal terminal;
  private final LineReader reader;
  private final KnownNames names = new KnownNames();
  private final Timestamps stamps;
  private final Optional<HistoryFile> history;
  private final Clock clock;
  private final Masking masking = new Masking();

  private volatile String prompt = "> ";
  private volatile String secretPrompt;
  private volatile String ownNick;
  private volatile boolean closed;
  private volatile Read read;
  private int waiting;
  private boolean titleSaved;

  /** The console on this process's own terminal. */
  static TerminalConsole onSystemTerminal(
      Timestamps stamps, Optional<HistoryFile> history, Clock clock) {
    try {
      return new TerminalConsole(TerminalBuilder.builder().system(true).build(), stamps, history,
          clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TerminalConsole(Terminal terminal, Timestamps stamps, Optional<HistoryFile> history,
      Clock clock) {
    this.terminal = terminal;
    this.stamps = stamps;
    this.history = history;
    this.clock = clock;
    DefaultHistory kept = new DefaultHistory();
    reader = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("lochat")
        .history(kept)
        .variable(LineReader.HISTORY_SIZE, HistoryFile.KEPT)
        .parser(new DefaultParser().quoteChars(new char[0]).escapeChars(new char[0]))
        .completer((lineReader, parsed, candidates) -> {
          if (secretPrompt != null) {
            return;
          }
          KnownNames.Snapshot known = names.snapshot(ownNick);
          int order = 0;
          for (String value : Completions.candidates(
              parsed.words().subList(0, parsed.wordIndex()),
              parsed.word().substring(0, parsed.wordCursor()), known.nicks(), known.rooms())) {
            candidates.add(new Candidate(value, value, null, null, null, null, true, order++));
          }
        })
        .option(LineReader.Option.ERASE_LINE_ON_FINISH, true)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.CASE_INSENSITIVE, true)
        .option(LineReader.Option.MENU_COMPLETE, true)
        .option(LineReader.Option.AUTO_PARAM_SLASH, false)
        .build();
    kept.attach(reader);
    history.ifPresent(file -> file.load().forEach(kept::add));
  }

  @Override
  public Optional<TypedLine> readLine() {
    if (closed) {
      return Optional.empty();
    }
    Read current = new Read(Thread.currentThread(), new CompletableFuture<>());
    read = current;
    String line;
    try {
      line = reader.readLine(currentPrompt(), null, masking, null);
    } catch (UserInterruptException | EndOfFileException e) {
      return Optional.empty();
    } finally {
      read = null;
      current.ended().complete(null);
    }
    boolean secret = masking.lastWasSecret;
    if (secret) {
      secretPrompt = null;
    } else {
      history.ifPresent(file -> file.append(line));
      seen();
    }
    return Optional.of(new TypedLine(line, secret));
  }

  @Override
  public void show(String rawLine, String ownNick) {
    this.ownNick = ownNick;
    ServerLine line = ServerLine.parse(rawLine);
    names.follow(line, ownNick);
    String text = LineStyler.style(line, ownNick, stamps, clock.instant()).toAnsi(terminal);
    reader.printAbove(Alerts.calls(line, ownNick) ? text + alert(ownNick) : text);
  }

  @Override
  public void info(String text) {
    reader.printAbove(LineStyler.info(text, stamps, clock.instant()));
  }

  @Override
  public void setPrompt(String prompt) {
    this.prompt = prompt;
    redraw();
  }

  @Override
  public void askSecret(String prompt) {
    secretPrompt = prompt;
    redraw();
  }

  @Override
  public boolean interactive() {
    return true;
  }

  @Override
  public void close() {
    closed = true;
    Read read = this.read;
    if (read != null) {
      read.thread().interrupt();
      try {
        read.ended().get(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // The read keeps its prompt; exiting anyway.
      }
    }
    synchronized (this) {
      if (titleSaved) {
        terminal.writer().write(Alerts.RESTORE_TITLE);
      }
    }
    terminal.flush();
    try {
      terminal.close();
    } catch (IOException ignored) {
      // Exiting anyway.
    }
  }

  private String currentPrompt() {
    String secret = secretPrompt;
    return secret != null ? secret : prompt;
  }

  /** Shows the new prompt in place: JLine redraws only what changed. */
  private void redraw() {
    if (reader instanceof LineReaderImpl impl && reader.isReading()) {
      impl.setPrompt(currentPrompt());
      try {
        reader.callWidget(LineReader.REDISPLAY);
      } catch (IllegalStateException notReading) {
        // The prompt takes effect at the next line.
      }
    }
  }

  /** The bell, and the window title marked with one more line waiting for the user. */
  private synchronized String alert(String ownNick) {
    waiting++;
    String saveFirst = titleSaved ? "" : Alerts.SAVE_TITLE;
    titleSaved = true;
    return Alerts.BELL + saveFirst + Alerts.title(Alerts.titleText(ownNick, waiting));
  }

  /** The user typed a line, so has seen the screen: the title loses its mark. */
  private synchronized void seen() {
    if (waiting > 0) {
      waiting = 0;
      terminal.writer().write(Alerts.title(Alerts.titleText(ownNick, 0)));
      terminal.flush();
    }
  }

  /** A read in progress: the thread to interrupt, and when it is over. */
  private record Read(Thread thread, CompletableFuture<Void> ended) {}

  /** Hides the password as it is typed and keeps it, and {@code /pass} lines, out of history. */
  private final class Masking implements MaskingCallback {
    private volatile boolean lastWasSecret;

    @Override
    public String display(String line) {
      return secretPrompt != null ? "" : line;
    }

    @Override
    public String history(String line) {
      lastWasSecret = secretPrompt != null;
      return lastWasSecret || !HistoryFile.worthKeeping(line) ? null : line;
    }
  }
}
