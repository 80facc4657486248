package lochat.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lochat.chat.Profile;
import lochat.cluster.ClusterMembership;
import lochat.irc.IrcProtocol;
import lochat.line.NativeProtocol;
import lochat.server.LochatServer;
import lochat.server.ServerSettings;
import lochat.server.ServerSystem;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.LoggerFactory;

/**
 * A real Lochat server on 127.0.0.1 and an ephemeral port, for end-to-end tests. Its history is
 * kept in memory unless the overrides say otherwise ({@link #persistent}), so that no test
 * writes a data directory where it runs.
 */
public final class TestServer implements AutoCloseable {

  static {
    // Initialise logging before actor systems log from several threads at once.
    LoggerFactory.getLogger(TestServer.class);
  }

  /** The actor system's name, the same for every test server, so that they may form a cluster. */
  public static final String SYSTEM_NAME = "lochat-test";

  public final ActorSystem<LochatServer.Command> system;
  /** The native protocol's port: its plain one, or its TLS one when plain ports are off. */
  public final int port;
  private final LochatServer.Running running;

  private TestServer(ActorSystem<LochatServer.Command> system, LochatServer.Running running) {
    this.system = system;
    this.port = running.address().getPort();
    this.running = running;
  }

  /** The port of {@code protocol} ({@code native}, {@code irc}, {@code web}) over TLS or not. */
  public int port(String protocol, boolean tls) {
    return running.address(protocol, tls).map(InetSocketAddress::getPort)
        .orElseThrow(() -> new IllegalStateException(
            protocol + (tls ? " over TLS" : "") + " is off on this server"));
  }

  /** The native protocol's TLS port; the test server has one when its settings turn TLS on. */
  public int tlsPort() {
    return port(NativeProtocol.NAME, true);
  }

  /** The IRC listener's port; the test server has one unless its settings turned it off. */
  public int ircPort() {
    return port(IrcProtocol.NAME, false);
  }

  /** The web listener's port; the test server has one unless its settings turned it off. */
  public int webPort() {
    return port(Profile.WEB, false);
  }

  /** This node's view of its cluster; the test server has one when its settings turn it on. */
  public ActorRef<ClusterMembership.Command> clusterMembership() {
    return running.cluster().orElseThrow(
        () -> new IllegalStateException("the cluster is off on this server"));
  }

  /** Starts a server with {@code overrides} (HOCON) on top of the packaged configuration. */
  public static TestServer start(String overrides) throws Exception {
    Config config = ServerSettings.withDefaults(ConfigFactory.parseString(overrides)
        .withFallback(ConfigFactory.parseString("""
            lochat.host = "127.0.0.1"
            lochat.port = 0
            lochat.irc.port = 0
            lochat.web.port = 0
            lochat.tls.port = 0
            lochat.irc.tls-port = 0
            lochat.web.tls-port = 0
            lochat.discovery.enabled = off
            lochat.history.store = memory
            """)));
    CompletableFuture<LochatServer.StartResult> started = new CompletableFuture<>();
    ActorSystem<LochatServer.Command> system = ServerSystem.create(
        ServerSettings.fromConfig(config), config, SYSTEM_NAME, started);
    LochatServer.StartResult result = started.get(20, TimeUnit.SECONDS);
    if (!(result instanceof LochatServer.Running running)) {
      system.terminate();
      throw new IllegalStateException("Test server did not start: " + result);
    }
    return new TestServer(system, running);
  }

  public static TestServer start() throws Exception {
    return start("");
  }

  /** Starts a server whose history is stored in SQLite under {@code dataDir}. */
  public static TestServer persistent(Path dataDir, String overrides) throws Exception {
    return start(overrides + "\nlochat.history.store = sqlite\nlochat.data-dir = "
        + ConfigUtil.quoteString(dataDir.toString()));
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
