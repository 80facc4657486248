package lochat.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code lochat server}: runs a chat server until Ctrl-C or SIGTERM. */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Run a Lochat server on this machine.")
public final class ServerCommand implements Callable<Integer> {

  @Option(names = "--host",
      description = "Address to listen on (default: 0.0.0.0, every interface).")
  String host;

  @Option(names = "--port", description = "Port to listen on (default: 4444; 0 picks a free port).")
  Integer port;

  @Option(names = "--irc-port",
      description = "Port for IRC clients (default: 6667; 0 picks a free port).")
  Integer ircPort;

  @Option(names = "--no-irc", description = "Do not listen for IRC clients.")
  boolean noIrc;

  @Option(names = "--web-port",
      description = "Port for browsers: the chat page and its WebSocket (default: 8080; 0 picks a"
          + " free port).")
  Integer webPort;

  @Option(names = "--no-web", description = "Do not serve the chat page to browsers.")
  boolean noWeb;

  @Option(names = "--tls",
      description = "Also listen for TLS: native on --tls-port, IRC on --irc-tls-port, HTTPS on"
          + " --web-tls-port. Without --certificate, a self-signed certificate is made at the"
          + " first start and kept in the data directory.")
  boolean tls;

  @Option(names = "--tls-only",
      description = "Listen for TLS only: not on the plain (not TLS) ports at all.")
  boolean tlsOnly;

  @Option(names = "--tls-port",
      description = "Port for the native protocol over TLS (default: 4443; 0 picks a free port).")
  Integer tlsPort;

  @Option(names = "--irc-tls-port",
      description = "Port for IRC over TLS (default: 6697; 0 picks a free port).")
  Integer ircTlsPort;

  @Option(names = "--web-tls-port",
      description = "Port for HTTPS and wss:// (default: 8443; 0 picks a free port).")
  Integer webTlsPort;

  @Option(names = "--certificate", paramLabel = "FILE",
      description = "The TLS certificate (turns TLS on): a PEM file (with --private-key) or a"
          + " PKCS#12 keystore (.p12; its password with -Dlochat.tls.password=...).")
  Path certificate;

  @Option(names = "--private-key", paramLabel = "FILE",
      description = "The PEM private key of --certificate.")
  Path privateKey;

  @Option(names = "--no-discovery",
      description = "Do not announce the server on the LAN (DNS-SD over multicast DNS).")
  boolean noDiscovery;

  @Option(names = "--server-name", paramLabel = "NAME",
      description = "The server's name, shown to clients (default: lochat).")
  String serverName;

  @Option(names = "--password", paramLabel = "PASSWORD",
      description = "A password every client must give to connect (default: none).")
  String password;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Directory of the history database, lochat.db, created if needed"
          + " (default: lochat-data, in the working directory).")
  Path dataDir;

  @Option(names = "--cluster-port", paramLabel = "PORT",
      description = "Be a node of a Lochat cluster, talking to the other nodes on this port"
          + " (default: 2552; 0 picks a free port). Without --join, this is the first node."
          + " The nodes' users share nicknames and rooms.")
  Integer clusterPort;

  @Option(names = "--join", paramLabel = "HOST:PORT",
      description = "Join the cluster of the node at HOST:PORT, its cluster port (repeatable:"
          + " any one that is up lets this node in). Turns the cluster on.")
  List<String> join = new ArrayList<>();

  @Option(names = "-D", paramLabel = "SETTING=VALUE",
      description = "Override one setting, e.g. -Dlochat.motd=Hello (repeatable).")
  Map<String, String> settings = new HashMap<>();

  @Option(names = "--config", paramLabel = "FILE",
      description = "A HOCON file whose settings override the built-in application.conf.")
  File configFile;

  @Override
  public Integer call() throws Exception {
    // Initialise logging on this thread, before the actor system logs from several at once.
    LoggerFactory.getLogger(ServerCommand.class);
    Config config;
    try {
      config = load();
    } catch (ConfigException e) {
      InvalidSettings.linesOf(e)
          .forEach(problem -> System.err.println("Invalid configuration: " + problem));
      return 2;
    }
    CompletableFuture<LochatServer.StartResult> started = new CompletableFuture<>();
    ActorSystem<LochatServer.Command> system =
        ServerSystem.create(ServerSettings.fromConfig(config), config, ServerSystem.NAME, started);
    LochatServer.StartResult result;
    try {
      result = started.get(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      System.err.println("The server did not start listening within 30 seconds; giving up");
      system.terminate();
      return 1;
    }
    if (result instanceof LochatServer.NotStarted notStarted) {
      System.err.println(notStarted.reason());
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return 1;
    }
    for (String signal : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(signal), s ->
          CoordinatedShutdown.get(system).run(CoordinatedShutdown.jvmExitReason()));
    }
    system.getWhenTerminated().toCompletableFuture().get();
    if (ServerSystem.removedFromCluster(system)) {
      LoggerFactory.getLogger(ServerCommand.class).error("This node was removed from the cluster"
          + " (see above) and stopped, so that its users reconnect to a node still in it;"
          + " start it again to rejoin");
      return ServerSystem.REMOVED_FROM_CLUSTER;
    }
    return CoordinatedShutdown.get(system).getShutdownReason()
        .filter(LochatServer.CORE_ACTOR_FAILED::equals).isPresent() ? 1 : 0;
  }

  /** The settings the command line gives, by their path in the configuration. */
  Map<String, Object> flags() {
    Map<String, Object> flags = new HashMap<>(settings);
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("lochat.host", host);
    given.put("lochat.port", port);
    given.put("lochat.irc.port", ircPort);
    given.put("lochat.irc.enabled", noIrc ? false : null);
    given.put("lochat.web.port", webPort);
    given.put("lochat.web.enabled", noWeb ? false : null);
    boolean tlsAsked = tls || tlsOnly || certificate != null || privateKey != null;
    given.put("lochat.tls.enabled", tlsAsked ? true : null);
    given.put("lochat.tls.plain-ports", tlsOnly ? false : null);
    given.put("lochat.tls.port", tlsPort);
    given.put("lochat.irc.tls-port", ircTlsPort);
    given.put("lochat.web.tls-port", webTlsPort);
    given.put("lochat.tls.certificate", certificate == null ? null : certificate.toString());
    given.put("lochat.tls.private-key", privateKey == null ? null : privateKey.toString());
    given.put("lochat.discovery.enabled", noDiscovery ? false : null);
    given.put("lochat.server-name", serverName);
    given.put("lochat.password", password);
    given.put("lochat.data-dir", dataDir == null ? null : dataDir.toString());
    given.put("lochat.cluster.enabled", clusterPort != null || !join.isEmpty() ? true : null);
    given.put("lochat.cluster.port", clusterPort);
    given.put("lochat.cluster.seed-nodes", join.isEmpty() ? null : List.copyOf(join));
    given.forEach((path, value) -> {
      if (value != null) {
        flags.put(path, value);
      }
    });
    return flags;
  }

  private Config load() {
    Map<String, Object> overrides = flags();
    Config config =
        ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.systemProperties());
    if (configFile != null) {
      if (!configFile.isFile()) {
        throw new ConfigException.Generic("no such file: " + configFile);
      }
      config = config.withFallback(ConfigFactory.parseFile(configFile));
    }
    Config loaded = ServerSettings.withDefaults(config);
    SettingsCheck check = SettingsCheck.againstDefaults();
    check.unknownSettings(loaded).forEach(LoggerFactory.getLogger(ServerCommand.class)::warn);
    List<String> wrongKinds = check.wrongKinds(loaded);
    if (!wrongKinds.isEmpty()) {
      throw new InvalidSettings(wrongKinds);
    }
    ServerSettings.fromConfig(loaded);
    return loaded;
  }
}
