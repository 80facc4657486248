package lochat.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lochat bench}: the load generator. Each subcommand is one scenario, run against one
 * server (Lochat's native, IRC or web listener, or any IRC server), printing a table row per result
 * and, with {@code --json}, appending the same results to a file as JSON lines.
 *
 * <p>Progress goes to standard error, results to standard output. The exit status is 0 when the
 * scenario ran (whatever its figures say), 1 when the clients could not be set up, 2 for bad
 * options.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure a chat server: Lochat (native, IRC or web) or any IRC server.",
    subcommands = {
        FanOutScenario.class, RampScenario.class, CapacityScenario.class,
        SlowConsumerScenario.class, ChurnScenario.class, BurstScenario.class})
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Say which scenario to run: fanout, ramp, capacity, slow, churn or burst");
  }

  /** Options every scenario has: where the server is, how to speak to it, where results go. */
  static final class Target {
    @Option(names = "--target", defaultValue = "native", paramLabel = "native|irc|web",
        description = "Protocol to speak: native, irc or web (Lochat's WebSocket, GET /ws) "
            + "(default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--host", defaultValue = "127.0.0.1",
        description = "Server address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port",
        description = "Server port (default: 4444 native, 6667 irc, 8080 web).")
    Integer port;

    @Option(names = "--server", paramLabel = "HOST:PORT", split = ",",
        description = "Instead of --host and --port: a server to spread the clients over "
            + "(repeatable, or comma-separated; the nodes of a cluster). Clients go to them in "
            + "turn, so every room has members and senders on each; latency is also reported "
            + "for sender and receiver on the same server and on different ones.")
    List<String> servers = new ArrayList<>();

    @Option(names = "--label", description = "Name of the server in results "
        + "(default: lochat-native, irc or lochat-web).")
    String label;

    @Option(names = "--server-pid", paramLabel = "PID", split = ",",
        description = "The server's process id, for its CPU time and memory (repeatable, or "
            + "comma-separated: the nodes of a cluster, summed, and CPU time node by node).")
    List<Long> serverPids = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE",
        description = "Append each result to FILE as one JSON object per line.")
    Path json;

    @Option(names = "--threads", defaultValue = "2",
        description = "Generator threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--opening", defaultValue = "64",
        description = "Most connections being opened (connected, not signed in yet) at once "
            + "(default: ${DEFAULT-VALUE}); ngircd's accept queue holds 10.")
    int opening;

    @Option(names = "--size", defaultValue = "100",
        description = "Bytes of text per post, at least the ~40-byte payload "
            + "(default: ${DEFAULT-VALUE}).")
    int size;

    Wire wire() {
      return Wire.named(protocol);
    }

    /** The servers to connect to: the --server list, or --host and --port. */
    List<InetSocketAddress> addresses() {
      int defaultPort = switch (protocol) {
        case "irc" -> 6667;
        case "web" -> 8080;
        default -> 4444;
      };
      return ServerAddresses.of(servers, host, port, defaultPort);
    }

    String label() {
      return label != null ? label : switch (protocol) {
        case "irc" -> "irc";
        case "web" -> "lochat-web";
        default -> "lochat-native";
      };
    }
  }

  /** Reads durations such as {@code 500ms}, {@code 10s} or {@code 2m}. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m)");

    @Override
    public Duration convert(String value) {
      Matcher form = FORM.matcher(value.trim());
      if (!form.matches()) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a duration such as 500ms, 10s or 2m");
      }
      long amount = Long.parseLong(form.group(1));
      return switch (form.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        default -> Duration.ofMinutes(amount);
      };
    }
  }

  /** A scenario: sets up a generator against the target, runs, and reports. */
  abstract static class Scenario implements Callable<Integer> {
    @Mixin Target target;

    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private boolean headerShown;
    private List<InetSocketAddress> addresses;
    ServerProbe server;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Runs the scenario with {@code generator}; returns the exit status. */
    abstract int run(LoadGenerator generator) throws InterruptedException;

    /** Checks the scenario's options before anything connects; throws what is wrong. */
    void check() { }

    @Override
    public Integer call() throws InterruptedException {
      try {
        target.wire();
        if (target.threads < 1 || target.opening < 1) {
          throw new IllegalArgumentException("--threads and --opening must be at least 1");
        }
        if (target.size < Payload.MAX_TOKEN_BYTES) {
          throw new IllegalArgumentException(
              "--size must be at least " + Payload.MAX_TOKEN_BYTES + " bytes");
        }
        if (target.json != null) {
          try {
            Files.writeString(target.json, "", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
          } catch (IOException e) {
            throw new IllegalArgumentException("Cannot write --json " + target.json + ": " + e);
          }
        }
        check();
        addresses = target.addresses();
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      server = ServerProbe.of(target.serverPids);
      try (LoadGenerator generator = new LoadGenerator(addresses, target.wire(),
          target.threads, target.opening, err::println)) {
        return run(generator);
      }
    }

    /** Prints {@code summary} as a table row and appends it to the JSON file. */
    void report(RunSummary summary) {
      if (!headerShown) {
        out.println(RunSummary.tableHeader());
        headerShown = true;
      }
      out.println(summary.tableRow());
      out.flush();
      if (target.json != null) {
        try {
          Files.writeString(target.json, summary.toJson() + "\n", StandardCharsets.UTF_8,
              StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot write " + target.json, e);
        }
      }
    }

    void progress(String format, Object... args) {
      err.println(String.format(Locale.ROOT, format, args));
    }

    /**
     * Opens {@code rooms.size()} connections, saying what happened; null (after reporting why)
     * when not all of them got ready.
     */
    List<BenchConnection> open(LoadGenerator generator, List<String> rooms, Duration timeout)
        throws InterruptedException {
      return open(generator, rooms, timeout, 0);
    }

    /** {@link #open(LoadGenerator, List, Duration)} with a socket receive buffer (0: default). */
    List<BenchConnection> open(LoadGenerator generator, List<String> rooms, Duration timeout,
        int receiveBuffer) throws InterruptedException {
      progress("Connecting %d clients to %s (%s)...", rooms.size(), addresses.size() == 1
          ? addresses.get(0) : addresses.size() + " servers " + addresses, target.protocol);
      LoadGenerator.Opened opened = generator.open(rooms, timeout, receiveBuffer);
      if (!opened.failures().isEmpty()) {
        progress("%d of %d clients could not connect, sign in and join; for example:",
            rooms.size() - opened.ready().size(), rooms.size());
        opened.failures().stream().limit(5).forEach(failure -> progress("  %s", failure));
        return null;
      }
      progress("%d clients ready in %.2f s", rooms.size(), opened.nanos() / 1e9);
      return opened.ready();
    }

    /** Runs the warm-up load of {@code rooms}, if any, and forgets its results. */
    void warmUp(LoadGenerator generator, Rooms rooms, List<BenchConnection> senders,
        List<BenchConnection> clients, long rate) throws InterruptedException {
      if (!rooms.warmup.isZero()) {
        progress("Warming up for %d ms at %d posts/s per sender", rooms.warmup.toMillis(), rate);
        generator.run(senders, clients, rate, rooms.warmup, target.size);
      }
    }

    /** The clients of {@code rooms}, ready; null (after saying why) when some are not. */
    List<BenchConnection> open(LoadGenerator generator, Rooms rooms)
        throws InterruptedException {
      return open(generator, rooms.roomOfEachClient(), rooms.connectTimeout);
    }

    /**
     * A result row from one epoch, with the server's CPU time since {@code cpuBefore}; over
     * several servers, also how many there were, each one's CPU time, and the latencies of
     * sender and receiver on the same server and on different ones.
     */
    RunSummary summary(String scenario, LoadGenerator.EpochResult result,
        ServerProbe.CpuTime cpuBefore) {
      ServerProbe.CpuTime cpu = server.cpuTime().since(cpuBefore);
      RunSummary summary = new RunSummary(scenario, target.label(), result.seconds(),
          result.published(), result.delivery(), cpu.total());
      if (addresses.size() > 1) {
        summary = result.nodes().addTo(summary.with("servers", addresses.size()));
      }
      if (cpu.each().size() > 1) {
        summary = summary.with("server_cpu_s_each", cpu.each());
      }
      return result.closed() > 0 ? summary.with("closed", result.closed()) : summary;
    }
  }

  /** A fixed rate for a fixed time, for the scenarios that are not ramps. */
  static final class SteadyLoad {
    @Option(names = "--rate", defaultValue = "100",
        description = "Posts per second per sender (default: ${DEFAULT-VALUE}).")
    long rate;

    @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
        description = "How long each measured run lasts (default: ${DEFAULT-VALUE}).")
    Duration duration;

    void check() {
      if (rate < 1) {
        throw new IllegalArgumentException("--rate must be at least 1");
      }
    }
  }

  /** Options of the scenarios that run rooms of clients with senders. */
  static final class Rooms {
    @Option(names = "--rooms", defaultValue = "1",
        description = "Rooms (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--clients", defaultValue = "200",
        description = "Clients per room (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--senders", defaultValue = "20",
        description = "Clients per room that post (default: ${DEFAULT-VALUE}).")
    int senders;

    @Option(names = "--warmup", defaultValue = "2s", converter = DurationConverter.class,
        description = "Load before measuring, to warm the server up (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--connect-timeout", defaultValue = "120s",
        converter = DurationConverter.class,
        description = "Longest wait for every client to be ready (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    void check() {
      if (rooms < 1 || clients < 1 || senders < 1 || senders > clients) {
        throw new IllegalArgumentException("Need rooms >= 1, clients >= 1 and 1 <= senders <= "
            + "clients; got " + rooms + " rooms of " + clients + " with " + senders + " senders");
      }
    }

    /** The room of each client: {@code clients} in each of {@code bench0} and up. */
    List<String> roomOfEachClient() {
      List<String> roomOf = new ArrayList<>();
      for (int room = 0; room < rooms; room++) {
        roomOf.addAll(Collections.nCopies(clients, "bench" + room));
      }
      return roomOf;
    }

    /** The first {@code senders} clients of each room. */
    List<BenchConnection> sendersAmong(List<BenchConnection> connections) {
      List<BenchConnection> chosen = new ArrayList<>();
      java.util.Map<String, Integer> perRoom = new java.util.HashMap<>();
      for (BenchConnection connection : connections) {
        if (perRoom.merge(connection.room, 1, Integer::sum) <= senders) {
          chosen.add(connection);
        }
      }
      return chosen;
    }

    String shape() {
      return rooms + "x" + clients;
    }

    RunSummary describe(RunSummary summary, long rate) {
      return summary.with("rooms", rooms).with("clients", clients).with("senders", senders)
          .with("rate_per_sender", rate);
    }
  }
}
