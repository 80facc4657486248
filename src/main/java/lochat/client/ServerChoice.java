package lochat.client;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import lochat.discovery.FoundServer;
import lochat.discovery.Lookup;
import lochat.discovery.ServerBrowser;
import lochat.discovery.ServerListing;

/**
 * Which server {@code lochat client} joins when it is given no {@code --host}: it looks on the
 * LAN for a moment, joins the one server it finds, asks for a number on a terminal when it
 * finds several (elsewhere it lists them and stops, exit status 2), and says where it looked
 * and how to give an address when it finds none (exit status 1). The decisions are pure
 * functions of what was found; only {@link #find} looks and asks.
 */
final class ServerChoice {

  /** How long the client looks for servers. */
  static final Duration LOOK_FOR = Duration.ofSeconds(3);

  /** What to do: connect, or stop with a status and lines for stderr. */
  sealed interface Decision {}

  /** Connect to {@code host:port}, having said {@code message}. */
  record Connect(String host, int port, String message) implements Decision {}

  /** Stop with {@code status}, saying {@code lines}. */
  record Stop(int status, List<String> lines) implements Decision {}

  /** Several servers on a terminal: show {@code lines}, then ask for a number. */
  record Ask(List<String> lines, String prompt) implements Decision {}

  private ServerChoice() {}

  /**
   * Looks on {@code iface} (every LAN interface when empty) for the servers named {@code name}
   * (any, when empty) and decides, asking on the terminal through {@code ask} (a prompt in, the
   * line typed out, null at end of input) when several servers answer and {@code onTerminal};
   * says what it does on {@code err}.
   */
  static Decision find(Optional<String> iface, Optional<String> name, Optional<Integer> port,
      boolean tls, boolean onTerminal, PrintStream err, Function<String, String> ask)
      throws InterruptedException {
    err.println("Looking for Lochat servers on " + iface.orElse("the LAN") + "...");
    Lookup.Outcome outcome = Lookup.look(iface, LOOK_FOR);
    if (outcome instanceof Lookup.Problem problem) {
      return new Stop(problem.status(), problem.lines());
    }
    ServerBrowser.Result result = ((Lookup.Looked) outcome).result();
    Lookup.warnings(result).forEach(err::println);
    List<FoundServer> named = named(result.servers(), name);
    Decision decision = decide(result.servers(), result.lookedOn(), name, port, tls, onTerminal);
    while (decision instanceof Ask asking) {
      asking.lines().forEach(err::println);
      String typed = ask.apply(asking.prompt());
      if (typed == null) {
        return new Stop(1, List.of("No server chosen."));
      }
      decision = pick(typed, named, port, tls);
    }
    return decision;
  }

  /** The servers of {@code found} named {@code name} (in any case), or all of them. */
  static List<FoundServer> named(List<FoundServer> found, Optional<String> name) {
    return name.map(wanted -> found.stream()
            .filter(server -> server.name().equalsIgnoreCase(wanted)).toList())
        .orElse(found);
  }

  /**
   * What to do with the servers of {@code found} named {@code name} (all, when empty): as
   * {@link #decide(List, List, Optional, boolean, boolean)}, or, when servers were found but
   * none of that name, stop saying which were.
   */
  static Decision decide(List<FoundServer> found, List<String> lookedOn, Optional<String> name,
      Optional<Integer> port, boolean tls, boolean onTerminal) {
    List<FoundServer> named = named(found, name);
    if (named.isEmpty() && !found.isEmpty()) {
      return new Stop(1, List.of("No Lochat server named '" + name.orElseThrow() + "' found;"
          + " found: " + String.join(", ", found.stream().map(FoundServer::name).toList())));
    }
    return decide(named, lookedOn, port, tls, onTerminal);
  }

  /** What to do with {@code found}, looked for on {@code lookedOn}. */
  static Decision decide(List<FoundServer> found, List<String> lookedOn, Optional<Integer> port,
      boolean tls, boolean onTerminal) {
    if (found.isEmpty()) {
      return new Stop(1, List.of(Lookup.noneFound(lookedOn, LOOK_FOR)));
    }
    if (found.size() == 1) {
      return connect(found.get(0), port, tls);
    }
    List<String> lines = new ArrayList<>();
    lines.add("Found " + found.size() + " Lochat servers:");
    if (!onTerminal) {
      lines.addAll(ServerListing.table(found));
      lines.add("Choose one with --host ADDRESS (and --port PORT).");
      return new Stop(2, lines);
    }
    lines.addAll(ServerListing.numbered(found));
    return new Ask(lines, prompt(found));
  }

  /** The server numbered {@code typed} in {@code found}, or the question again. */
  static Decision pick(String typed, List<FoundServer> found, Optional<Integer> port,
      boolean tls) {
    String number = typed.strip();
    if (number.matches("\\d{1,4}")) {
      int chosen = Integer.parseInt(number);
      if (chosen >= 1 && chosen <= found.size()) {
        return connect(found.get(chosen - 1), port, tls);
      }
    }
    return new Ask(List.of("Not a number from 1 to " + found.size() + ": '" + number + "'"),
        prompt(found));
  }

  /** Connecting to {@code server}: on {@code port} when given, else on its native port. */
  static Decision connect(FoundServer server, Optional<Integer> port, boolean tls) {
    Optional<FoundServer.Endpoint> endpoint = port.isPresent()
        ? Optional.of(new FoundServer.Endpoint(server.address(), port.get()))
        : server.nativeEndpoint(tls);
    if (endpoint.isEmpty()) {
      String other = tls ? "without TLS only, on port "
          + server.nativePorts().plain().getAsInt() + ": leave out --tls"
          : "over TLS only, on port " + server.nativePorts().tls().getAsInt()
          + ": connect with --tls";
      return new Stop(1, List.of("Server '" + server.name() + "' at " + server.address()
          + " serves native clients " + other));
    }
    String host = endpoint.get().host();
    int to = endpoint.get().port();
    return new Connect(host, to, "Found Lochat server '" + server.name() + "' at " + host + ":"
        + to + "; connecting.");
  }

  private static String prompt(List<FoundServer> found) {
    return "Number of the server to join (1-" + found.size() + "): ";
  }
}
