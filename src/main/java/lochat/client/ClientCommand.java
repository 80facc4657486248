package lochat.client;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import lochat.CommandLogging;
import lochat.chat.Names;
import lochat.client.trust.ClientTls;
import lochat.client.trust.ServerTrust;
import lochat.client.trust.TlsOptions;
import lochat.client.trust.TrustSetupException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lochat client}: joins a Lochat server from the terminal, or from a pipe; without
 * {@code --host} it looks for one on the LAN first ({@link ServerChoice}). Options are checked
 * before connecting: a bad one gets one line saying why and exit status 2, as the server's bad
 * settings do.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
    description = "Connect to a Lochat server and chat.")
public final class ClientCommand implements Callable<Integer> {

  /** The port the client connects to without --port, the server's default native port. */
  public static final int DEFAULT_PORT = 4444;

  /** The port the client connects to with --tls and without --port, the server's default. */
  public static final int DEFAULT_TLS_PORT = 4443;

  private static final int INVALID_OPTION = 2;

  @Option(names = "--host",
      description = "Server address (default: look for servers on the LAN and join the one"
          + " found, or choose).")
  String host;

  @Option(names = "--port",
      description = "Server port (default: " + DEFAULT_PORT + ", " + DEFAULT_TLS_PORT
          + " with --tls, or the found server's).")
  Integer port;

  @Mixin TlsOptions tlsOptions;

  @Option(names = "--server", paramLabel = "NAME",
      description = "Without --host, join the server of this name among those found on the LAN"
          + " (the NAME that 'lochat discover' lists).")
  String serverName;

  @Option(names = "--interface", paramLabel = "ADDRESS",
      description = "Without --host, look for servers only on the interface with this IPv4"
          + " address (127.0.0.1 for servers on this machine; default: every LAN interface).")
  String iface;

  @Option(names = "--nick", description = "Nickname to use; asked for when missing.")
  String nick;

  @Option(names = "--password", paramLabel = "PASSWORD",
      description = "The server's password, if it has one; asked for when missing.")
  String password;

  @Option(names = "--raw",
      description = "Print the server's protocol lines as they are (when not on a terminal).")
  boolean raw;

  @Option(names = "--timestamp-format", paramLabel = "PATTERN",
      description = "Time shown before each line, a java.time pattern such as HH:mm:ss, or "
          + "'none' (default: HH:mm on a terminal, none when the output is not one).")
  String timestampFormat;

  @Option(names = "--history-file", paramLabel = "FILE",
      defaultValue = "${sys:lochat.history-file:-${sys:user.home}/.lochat/history}",
      description = "Where the lines you type are kept across runs, or 'none' "
          + "(default: ${DEFAULT-VALUE}).")
  String historyFile;

  @Override
  public Integer call() throws Exception {
    CommandLogging.quiet();
    Optional<String> invalid = problem().or(tlsOptions::problem);
    if (invalid.isPresent()) {
      System.err.println(invalid.get());
      return INVALID_OPTION;
    }
    Optional<ServerTrust.Factory> trust;
    try {
      trust = tlsOptions.trust(System.err::println);
    } catch (TrustSetupException e) {
      System.err.println(e.getMessage());
      return INVALID_OPTION;
    }
    if (host == null) {
      Optional<Integer> stopped = joinFoundServer();
      if (stopped.isPresent()) {
        return stopped.get();
      }
    }
    boolean onTerminal = System.console() != null && !raw;
    Timestamps stamps = timestampFormat != null
        ? Timestamps.parse(timestampFormat, ZoneId.systemDefault())
        : onTerminal ? Timestamps.parse(Timestamps.DEFAULT_PATTERN, ZoneId.systemDefault())
        : Timestamps.off(ZoneId.systemDefault());
    Console console = onTerminal
        ? TerminalConsole.onSystemTerminal(stamps, history(), Clock.systemDefaultZone())
        : new PlainConsole(System.in,
            new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8),
            raw, stamps, Clock.systemDefaultZone());
    Consumer<String> notices =
        onTerminal ? text -> text.lines().forEach(console::info) : System.err::println;
    String to = host;
    int on = port != null ? port : tlsOptions.enabled() ? DEFAULT_TLS_PORT : DEFAULT_PORT;
    return new ChatClient(to, on, Optional.ofNullable(nick), Optional.ofNullable(password),
        console, trust.map(t -> new ClientTls(to, on, t.forServer(to, on), notices)),
        trust.map(t -> (node, nodePort) ->
            new ClientTls(node, nodePort, t.forServer(node, nodePort), notices))).run();
  }

  /** Looks for a server and takes its address and port; the exit status when it cannot. */
  private Optional<Integer> joinFoundServer() throws InterruptedException {
    ServerChoice.Decision decision = ServerChoice.find(Optional.ofNullable(iface),
        Optional.ofNullable(serverName), Optional.ofNullable(port), tlsOptions.enabled(),
        System.console() != null, System.err,
        prompt -> System.console().readLine("%s", prompt));
    if (decision instanceof ServerChoice.Stop stop) {
      stop.lines().forEach(System.err::println);
      return Optional.of(stop.status());
    }
    ServerChoice.Connect connect = (ServerChoice.Connect) decision;
    System.err.println(connect.message());
    host = connect.host();
    port = connect.port();
    return Optional.empty();
  }

  /** What is wrong with the options, in one line, or empty. */
  private Optional<String> problem() {
    if (port != null && (port < 1 || port > 65535)) {
      return Optional.of("Invalid --port: must be between 1 and 65535, not " + port);
    }
    if (host != null && serverName != null) {
      return Optional.of("Invalid --server: it names a server found on the LAN, and --host"
          + " gives the address instead; give one of them");
    }
    if (host != null && iface != null) {
      return Optional.of("Invalid --interface: it says where to look for servers, and --host"
          + " already says which one to join; give one of them");
    }
    if (nick != null && Names.nickProblem(nick).isPresent()) {
      return Optional.of("Invalid --nick: " + Names.nickProblem(nick).get());
    }
    if (timestampFormat != null) {
      try {
        Timestamps.parse(timestampFormat, ZoneId.systemDefault());
      } catch (IllegalArgumentException e) {
        return Optional.of("Invalid --timestamp-format: " + e.getMessage());
      }
    }
    if (!historyFile.equalsIgnoreCase("none")) {
      try {
        Path.of(historyFile);
      } catch (InvalidPathException e) {
        return Optional.of("Invalid --history-file: " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  private Optional<HistoryFile> history() {
    return historyFile.equalsIgnoreCase("none")
        ? Optional.empty() : Optional.of(new HistoryFile(Path.of(historyFile)));
  }
}
