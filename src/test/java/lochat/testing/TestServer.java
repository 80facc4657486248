package lochat.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lochat.room.RoomArchive;
import lochat.server.LochatServer;
import lochat.server.ServerSettings;
import lochat.store.HistoryWriter;
import lochat.store.MemoryHistoryStore;
import lochat.store.Retention;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.LoggerFactory;

/** A real Lochat server on 127.0.0.1 and an ephemeral port, for end-to-end tests. */
public final class TestServer implements AutoCloseable {

  static {
    // Initialise logging before actor systems log from several threads at once.
    LoggerFactory.getLogger(TestServer.class);
  }

  public final ActorSystem<LochatServer.Command> system;
  public final int port;
  private final Optional<Integer> ircPort;

  private TestServer(
      ActorSystem<LochatServer.Command> system, int port, Optional<Integer> ircPort) {
    this.system = system;
    this.port = port;
    this.ircPort = ircPort;
  }

  /** The IRC listener's port; the test server has one unless its settings turned it off. */
  public int ircPort() {
    return ircPort.orElseThrow(() -> new IllegalStateException("IRC is off on this server"));
  }

  /** Starts a server with {@code overrides} (HOCON) on top of the packaged configuration. */
  public static TestServer start(String overrides) throws Exception {
    return start(overrides, false);
  }

  /**
   * Starts a server whose rooms keep their history in a {@link MemoryHistoryStore}, written
   * and read through a real {@link HistoryWriter}, so that users can page back in it.
   */
  public static TestServer startWithHistory(String overrides) throws Exception {
    return start(overrides, true);
  }

  private static TestServer start(String overrides, boolean history) throws Exception {
    Config config = ServerSettings.withDefaults(ConfigFactory.parseString(overrides)
        .withFallback(ConfigFactory.parseString(
            "lochat.host = \"127.0.0.1\"\nlochat.port = 0\nlochat.irc.port = 0"))
        .withFallback(ConfigFactory.parseResources("lochat/store/history-writer-test.conf")));
    ServerSettings settings = ServerSettings.fromConfig(config);
    CompletableFuture<LochatServer.StartResult> started = new CompletableFuture<>();
    Behavior<LochatServer.Command> server = !history
        ? LochatServer.create(settings, started)
        : Behaviors.setup(context -> {
          MemoryHistoryStore store = new MemoryHistoryStore(Clock.systemUTC(), 1000, 100_000);
          ActorRef<HistoryWriter.Command> writer = context.spawn(
              HistoryWriter.create(store, Duration.ofMillis(20), Retention.FOREVER),
              "history", HistoryWriter.dispatcher());
          return LochatServer.create(settings, started, RoomArchive.of(store, writer));
        });
    ActorSystem<LochatServer.Command> system =
        ActorSystem.create(server, "lochat-test", config);
    LochatServer.StartResult result = started.get(20, TimeUnit.SECONDS);
    if (!(result instanceof LochatServer.Running running)) {
      system.terminate();
      throw new IllegalStateException("Test server did not start: " + result);
    }
    return new TestServer(
        system, running.address().getPort(), running.ircAddress().map(InetSocketAddress::getPort));
  }

  public static TestServer start() throws Exception {
    return start("");
  }

  public TestClient connect() throws Exception {
    return TestClient.connect(port);
  }

  /** Connects and registers {@code nick}, returning once the welcome is complete. */
  public TestClient register(String nick) throws Exception {
    TestClient client = connect();
    client.expectKind("PROMPT");
    client.send(nick);
    client.expect("OK nick " + nick);
    client.expectStartsWith("SERVER Hello " + nick);
    return client;
  }

  /** Runs the server's coordinated shutdown, as Ctrl-C would, and waits for it to finish. */
  public void shutdown(Duration within) throws Exception {
    CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.jvmExitReason())
        .toCompletableFuture().get(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws ExecutionException, TimeoutException {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
