package lochat.cluster;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import lochat.CommandLogging;
import lochat.CommandTimeout;
import lochat.server.ServerSystem;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lochat cluster status}: asks one node of a running cluster for the members it knows and
 * prints them ({@link ClusterStatus} asks, {@link ClusterStatusListing} prints). Exit status 0
 * when the node answered, 1 in one line when it did not, 2 for a bad option.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show the members of a running Lochat cluster and their state, as one of its"
        + " nodes sees them, then exit.",
        "Each member: its cluster address, its status (joining, weakly up, up, leaving, exiting,"
            + " down), whether the node asked hears from it, and which one was asked."},
    footer = "Exit status: 0 when the node answered, 1 when it did not (one line on standard"
        + " error saying what to check), 2 for a bad option.")
public final class ClusterStatusCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--node", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:2552",
      description = "The node to ask: its address as its --host gives it (or as its log shows"
          + " it) and its cluster port (default: ${DEFAULT-VALUE}).")
  String node;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
      description = "How long to wait for the answer, in seconds (also 500ms, 1.5s; default:"
          + " ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--json", description = "Print one JSON object, for scripts.")
  boolean json;

  /** The name of the asked node's actor system; the tests' servers have one of their own. */
  String systemName = ServerSystem.NAME;

  @Override
  public Integer call() {
    CommandLogging.quiet();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Duration> duration = CommandTimeout.parse(timeout, err);
    if (duration.isEmpty()) {
      return 2;
    }
    ClusterSettings.SeedNode asked;
    try {
      asked = ClusterSettings.SeedNode.parse(node);
    } catch (IllegalArgumentException e) {
      err.println("Invalid --node: " + e.getMessage());
      return 2;
    }
    ClusterStatus.Outcome outcome = ClusterStatus.ask(asked, systemName, duration.get());
    if (outcome instanceof ClusterStatus.NoAnswer noAnswer) {
      err.println(noAnswer.reason());
      err.flush();
      return 1;
    }
    ClusterMembership.Members members = ((ClusterStatus.Answered) outcome).members();
    if (json) {
      out.println(ClusterStatusListing.json(members));
    } else {
      ClusterStatusListing.table(members).forEach(out::println);
    }
    out.flush();
    return 0;
  }
}
