package lochat.discovery;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import lochat.CommandLogging;
import lochat.CommandTimeout;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code lochat discover}: lists the Lochat servers announced on the LAN (DNS-SD over multicast
 * DNS) and exits. Finding none is an answer, exit status 0, as an empty listing is; being
 * unable to look at all (no interface, multicast blocked) is exit status 1; a bad option, 2.
 */
@Command(name = "discover", mixinStandardHelpOptions = true,
    description = "List the Lochat servers on the local network, then exit.")
public final class DiscoverCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3",
      description = "How long to look, in seconds (also 500ms, 1.5s; default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--interface", paramLabel = "ADDRESS",
      description = "Look only on the interface with this IPv4 address (127.0.0.1 for servers"
          + " on this machine; default: every LAN interface).")
  String iface;

  @Option(names = "--json", description = "Print one JSON array, for scripts.")
  boolean json;

  @Override
  public Integer call() throws InterruptedException {
    CommandLogging.quiet();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Duration> duration = CommandTimeout.parse(timeout, err);
    if (duration.isEmpty()) {
      return 2;
    }
    Lookup.Outcome outcome = Lookup.look(Optional.ofNullable(iface), duration.get());
    if (outcome instanceof Lookup.Problem problem) {
      problem.lines().forEach(err::println);
      return problem.status();
    }
    ServerBrowser.Result result = ((Lookup.Looked) outcome).result();
    Lookup.warnings(result).forEach(err::println);
    if (json) {
      out.println(ServerListing.json(result.servers()));
    } else if (result.servers().isEmpty()) {
      out.println(Lookup.noneFound(result.lookedOn(), duration.get()));
    } else {
      ServerListing.table(result.servers()).forEach(out::println);
    }
    out.flush();
    return 0;
  }
}
