package lochat.client;

import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import lochat.Failures;
import lochat.client.trust.ClientTls;
import lochat.connection.LineFraming;
import lochat.protocol.InboundLine;
import lochat.protocol.TextSanitizer;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * The terminal client as Pekko Streams graphs: the user's lines flow into the socket, the
 * socket's lines flow out to the console.
 *
 * <pre>
 *   console lines ++ "/quit" --gate--&gt; relay                       (once)
 *   [/pass P] [/nick N] ++ (sign-in answers merge relay's lines)
 *       --takeWhile(not quit)--&gt; encode --&gt; TCP                    (per connection)
 *   TCP --&gt; LineFraming --&gt; sign-in, tracking own nick and rooms --&gt; console (styled)
 * </pre>
 *
 * <p>{@link SignIn} opens with {@code --password} and {@code --nick} and answers the server's
 * prompts; until the nickname is accepted a script's lines wait at the {@link InputGate}, so that
 * none is taken for a nickname or a password. Reading the console blocks, so that source runs on
 * Pekko's blocking-I/O dispatcher, and stops after a quit line so that no prompt is drawn again.
 * At the end of input a {@code /quit} is sent after everything typed; the TCP connection is
 * half-closed and the client keeps reading until the server has answered and closed, so
 * nothing is lost. Over TLS ({@link ClientTls}) the end of input is not passed on as a close: the
 * {@code /quit} itself makes the server answer and close.
 *
 * <p>A server in a cluster names the other nodes ({@code NODES}). When such a connection is lost
 * ({@link Departure}: not after a quit, a goodbye or an error that closes it), the client says so
 * and connects to another node ({@link Failover}), signs in with the same nickname, which it
 * claims again for a while should the lost connection still hold it, and joins its rooms again
 * ({@link RoomMemory}); the console's lines wait meanwhile ({@link LineRelay}). Without known
 * nodes it ends with the connection.
 */
public final class ChatClient {

  /** Longest line accepted from the server; a Lochat server never sends one this long. */
  private static final int MAX_SERVER_LINE_BYTES = 1 << 20;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Answers to prompts, and the joins that take the rooms back after a reconnect. */
  private static final int SIGN_IN_ANSWERS = 256;
  private static final int TYPED_LINES = 16;
  /** How long after a loss a refused nickname is taken for the lost connection's, and tried again. */
  static final Duration RECLAIM_WITHIN = Duration.ofMinutes(2);

  private final String host;
  private final int port;
  private final Optional<String> nick;
  private final Optional<String> password;
  private final Console console;
  private final InputGate gate;
  private final Optional<ClientTls> tls;
  private final Optional<BiFunction<String, Integer, ClientTls>> tlsFor;
  private final Failover failover;
  private final RoomMemory rooms = new RoomMemory();
  private final LineRelay relay = new LineRelay();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private ActorSystem<Void> system;

  private volatile String ownNick;
  private volatile boolean quitTyped;
  private volatile boolean quitWanted;

  /** @param password the server's password, given before the nickname */
  public ChatClient(String host, int port, Optional<String> nick, Optional<String> password,
      Console console) {
    this(host, port, nick, password, console, Optional.empty());
  }

  /** @param tls the connection's TLS, or empty for plain TCP; over TLS, no failover */
  public ChatClient(String host, int port, Optional<String> nick, Optional<String> password,
      Console console, Optional<ClientTls> tls) {
    this(host, port, nick, password, console, tls, Optional.empty());
  }

  /** @param tlsFor the TLS of a connection to another node of the cluster, HOST and PORT */
  public ChatClient(String host, int port, Optional<String> nick, Optional<String> password,
      Console console, Optional<ClientTls> tls,
      Optional<BiFunction<String, Integer, ClientTls>> tlsFor) {
    this.tls = tls;
    this.tlsFor = tlsFor;
    this.host = host;
    this.port = port;
    this.nick = nick;
    this.password = password;
    this.console = console;
    this.gate = console.interactive() ? InputGate.opened() : InputGate.closed();
    this.failover = new Failover(tls.isPresent());
  }

  /** Connects, runs until the conversation ends, and returns the process exit status. */
  public int run() throws Exception {
    system = ActorSystem.create(Behaviors.empty(), "lochat-client",
        ConfigFactory.parseString(String.join("\n",
                "pekko.loglevel = ERROR",
                "pekko.stdout-loglevel = OFF",
                // The console reader may be blocked in a read that nothing can interrupt; the
                // client exits without waiting for it.
                "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off"))
            .withFallback(ConfigFactory.load()));
    try {
      typedLines().runWith(Sink.ignore(), system);
      connect(new Link(host, port, tls, new SignIn(nick, password, console.interactive()),
          null));
      return exit.get();
    } finally {
      console.close();
      system.terminate();
    }
  }

  /** One connection, and what is known of it. */
  private final class Link {
    final String host;
    final int port;
    final Optional<ClientTls> tls;
    final SignIn signIn;
    final Departure departure = new Departure();
    /** When the connection before it was lost; null for the first. */
    final Instant lostAt;
    BoundedSourceQueue<String> answers;
    SourceQueueWithComplete<String> typed;
    volatile boolean quitSent;
    volatile boolean gaveUp;
    volatile boolean heard;
    volatile String tryLater;

    Link(String host, int port, Optional<ClientTls> tls, SignIn signIn, Instant lostAt) {
      this.host = host;
      this.port = port;
      this.tls = tls;
      this.signIn = signIn;
      this.lostAt = lostAt;
    }

    String address() {
      return new Failover.Attempt(host, port, Duration.ZERO).address();
    }
  }

  private void connect(Link link) {
    Pair<BoundedSourceQueue<String>, Source<String, NotUsed>> answers =
        Source.<String>queue(SIGN_IN_ANSWERS).preMaterialize(system);
    Pair<SourceQueueWithComplete<String>, Source<String, NotUsed>> typed =
        Source.<String>queue(TYPED_LINES, OverflowStrategy.backpressure())
            .preMaterialize(system);
    link.answers = answers.first();
    link.typed = typed.first();
    if (link.lostAt == null) {
      relay.attach(link.typed);
    }
    Source<String, NotUsed> outgoing = Source.from(link.signIn.opening())
        .concat(answers.second().merge(typed.second()))
        .takeWhile(line -> !UserInput.isQuit(line), true)
        .map(line -> {
          if (UserInput.isQuit(line)) {
            link.quitSent = true;
          }
          return line;
        });
    Pair<CompletionStage<Tcp.OutgoingConnection>, CompletionStage<Done>> running = outgoing
        .map(line -> ByteString.fromString(line + "\n", StandardCharsets.UTF_8))
        .viaMat(connection(link), Keep.right())
        .via(LineFraming.flow(MAX_SERVER_LINE_BYTES))
        .toMat(Sink.foreach(line -> received(link, line)), Keep.both())
        .run(system);
    running.first().whenComplete((connection, failure) -> {
      if (failure != null) {
        relay.detach(link.typed);
        cannotConnect(link, failure);
      } else {
        link.tls.ifPresent(t -> t.awaitHandshake(exit));
      }
    });
    running.second().whenComplete((done, failure) -> running.first().whenComplete((c, f) -> {
      if (f == null) {
        relay.detach(link.typed);
        ended(link, failure);
      }
    }));
  }

  private Flow<ByteString, ByteString, CompletionStage<Tcp.OutgoingConnection>> connection(
      Link link) {
    InetSocketAddress address = new InetSocketAddress(link.host, link.port);
    return link.tls.map(t -> t.connection(Tcp.get(system), address, CONNECT_TIMEOUT))
        .orElseGet(() -> Tcp.get(system).outgoingConnection(address, Optional.empty(), List.of(),
            true, Optional.of(CONNECT_TIMEOUT), Optional.empty()));
  }

  private void cannotConnect(Link link, Throwable failure) {
    if (link.lostAt != null && !quitWanted) {
      tryAgain(link, link.address() + " did not answer (" + Failures.inSentence(failure) + ")");
      return;
    }
    console.info("Cannot connect to " + link.host + ":" + link.port + ": "
        + Failures.inSentence(failure));
    exit.complete(1);
  }

  private void ended(Link link, Throwable failure) {
    if (exit.isDone()) {
      return;
    }
    if (link.tryLater != null) {
      tryAgain(link, link.tryLater);
    } else if (link.tls.isPresent() && link.tls.get().explainEnd(failure)) {
      exit.complete(1);
    } else if (link.lostAt != null && link.departure.interrupted(link.quitSent) && !quitWanted) {
      tryAgain(link, link.address() + " closed the connection");
    } else if (link.departure.lost(link.quitSent) && !quitWanted && failover.known()) {
      Failover.Attempt next = failover.next();
      console.info("*** server unreachable; reconnecting to " + next.address());
      schedule(next, Instant.now());
    } else if (failure != null) {
      console.info("Connection lost: " + Failures.inSentence(failure));
      exit.complete(1);
    } else if (link.quitSent) {
      exit.complete(0);
    } else {
      console.info(link.heard || link.tls.isPresent() ? "Connection closed by server"
          : "Connection closed by server before it said anything; if that is a TLS port, "
              + "add --tls");
      exit.complete(1);
    }
  }

  /** The attempt on {@code link} failed for {@code why}: the next node, after a wait. */
  private void tryAgain(Link link, String why) {
    if (!failover.known()) {
      console.info("*** " + why + "; no other node of the cluster is known");
      exit.complete(1);
      return;
    }
    Failover.Attempt next = failover.next();
    console.info("*** " + why + "; reconnecting to " + next.address()
        + (next.delay().isZero() ? "" : " in " + next.delay().toSeconds() + " s"));
    schedule(next, link.lostAt);
  }

  private void schedule(Failover.Attempt attempt, Instant lostAt) {
    boolean reclaiming = Duration.between(lostAt, Instant.now()).compareTo(RECLAIM_WITHIN) < 0;
    Optional<String> again = Optional.ofNullable(ownNick).or(() -> nick);
    Link link = new Link(attempt.host(), attempt.port(),
        tls.flatMap(first -> tlsFor.map(f -> f.apply(attempt.host(), attempt.port()))),
        new SignIn(again, password, console.interactive(), reclaiming), lostAt);
    system.scheduler().scheduleOnce(attempt.delay(), () -> connect(link),
        system.executionContext());
  }

  private Source<Done, ?> typedLines() {
    return Source.unfoldResource(() -> console, this::nextTyped, c -> {})
        .map(UserInput::toWire)
        .filter(line -> !line.isBlank())
        .concat(Source.single(UserInput.QUIT))
        .map(line -> {
          if (UserInput.isQuit(line)) {
            quitWanted = true;
          }
          return line;
        })
        .mapAsync(1, line -> gate.next().thenCompose(done -> relay.offer(line)));
  }

  /** The user's next line; none after a quit, so that the prompt is not drawn again. */
  private Optional<TypedLine> nextTyped(Console from) {
    if (quitTyped) {
      return Optional.empty();
    }
    Optional<TypedLine> typed = from.readLine();
    if (typed.map(line -> UserInput.isQuit(UserInput.toWire(line))).orElse(false)) {
      quitTyped = true;
    }
    return typed;
  }

  private void received(Link link, InboundLine inbound) {
    link.heard = true;
    if (link.gaveUp || link.tryLater != null) {
      return;
    }
    if (!(inbound instanceof InboundLine.Text text)) {
      console.info("(a line from the server was too long to show)");
      return;
    }
    ServerLine parsed = ServerLine.parse(text.text());
    link.departure.seen(parsed);
    if (parsed.kind().equals("NODES")) {
      if (link.tls.isEmpty() || tlsFor.isPresent()) {
        failover.learn(parsed);
      }
      return;
    }
    SignIn.Step step = link.signIn.on(parsed);
    if (step instanceof SignIn.GiveUp giveUp) {
      link.gaveUp = true;
      console.info(giveUp.why());
      exit.complete(1);
      return;
    }
    if (step instanceof SignIn.TryLater later) {
      link.tryLater = later.why();
      link.answers.offer(UserInput.QUIT);
      return;
    }
    if (step instanceof SignIn.Hide) {
      return;
    }
    String part = rooms.unwanted(parsed, ownNick);
    if (part != null) {
      link.answers.offer(part);
    }
    track(parsed);
    console.show(text.text(), ownNick);
    if (step instanceof SignIn.Send send) {
      link.answers.offer(send.line());
    } else if (step instanceof SignIn.AdmitOne) {
      gate.admitOne();
    } else if (step instanceof SignIn.AskSecret ask) {
      console.askSecret(ask.prompt());
    } else if (step instanceof SignIn.SignedIn) {
      gate.open();
      if (link.lostAt != null) {
        backOn(link);
      }
    }
  }

  /** Signed in again after a loss: says so, takes the rooms back, and lets typed lines go. */
  private void backOn(Link link) {
    failover.signedIn();
    console.info("*** reconnected to " + link.address() + " as " + ownNick);
    rooms.restore().forEach(link.answers::offer);
    relay.attach(link.typed);
  }

  /** Follows the user's nickname and current room, for the prompt and for highlighting. */
  private void track(ServerLine line) {
    if (line.kind().equals("OK") && line.field(0).equals("nick")) {
      ownNick = line.field(1);
    } else if (!List.of("OK", "JOINED", "LEFT", "KICKED").contains(line.kind())) {
      return;
    }
    rooms.seen(line, ownNick);
    String room = rooms.current();
    // The names come from the server: nothing it sends may act on the user's terminal.
    console.setPrompt(TextSanitizer.clean((room == null ? "" : "[" + room + "] ")
        + (ownNick == null ? "" : ownNick) + "> "));
  }
}
