package lochat.client;

import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * The terminal client as one Pekko Streams graph: the user's lines flow into the socket, the
 * socket's lines flow out to the console.
 *
 * <pre>
 *   [/pass P] [/nick N] ++ (sign-in answers merge (console lines ++ "/quit" --gate--&gt;))
 *       --takeWhile(not quit)--&gt; encode --&gt; TCP
 *   TCP --&gt; LineFraming --&gt; sign-in, tracking own nick and room --&gt; console (styled)
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
 */
public final class ChatClient {

  /** Longest line accepted from the server; a Lochat server never sends one this long. */
  private static final int MAX_SERVER_LINE_BYTES = 1 << 20;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final int SIGN_IN_ANSWERS = 8;

  private final String host;
  private final int port;
  private final Console console;
  private final SignIn signIn;
  private final InputGate gate;
  private final Optional<ClientTls> tls;

  private volatile String ownNick;
  private volatile String room;
  private volatile boolean quitTyped;
  private volatile boolean quitSent;
  private volatile boolean gaveUp;
  private volatile boolean heard;

  /** @param password the server's password, given before the nickname */
  public ChatClient(String host, int port, Optional<String> nick, Optional<String> password,
      Console console) {
    this(host, port, nick, password, console, Optional.empty());
  }

  /** @param tls the connection's TLS, or empty for plain TCP */
  public ChatClient(String host, int port, Optional<String> nick, Optional<String> password,
      Console console, Optional<ClientTls> tls) {
    this.tls = tls;
    this.host = host;
    this.port = port;
    this.console = console;
    this.signIn = new SignIn(nick, password, console.interactive());
    this.gate = console.interactive() ? InputGate.opened() : InputGate.closed();
  }

  /** Connects, runs until the conversation ends, and returns the process exit status. */
  public int run() throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "lochat-client",
        ConfigFactory.parseString(String.join("\n",
                "pekko.loglevel = ERROR",
                "pekko.stdout-loglevel = OFF",
                // The console reader may be blocked in a read that nothing can interrupt; the
                // client exits without waiting for it.
                "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off"))
            .withFallback(ConfigFactory.load()));
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    try {
      Pair<BoundedSourceQueue<String>, Source<String, NotUsed>> answers =
          Source.<String>queue(SIGN_IN_ANSWERS).preMaterialize(system);
      Pair<CompletionStage<Tcp.OutgoingConnection>, CompletionStage<Done>> running =
          outgoingLines(answers.second())
              .map(line -> ByteString.fromString(line + "\n", StandardCharsets.UTF_8))
              .viaMat(connection(system), Keep.right())
              .via(LineFraming.flow(MAX_SERVER_LINE_BYTES))
              .toMat(Sink.foreach(line -> received(line, answers.first(), exit)), Keep.both())
              .run(system);
      running.first().whenComplete((connection, failure) -> {
        if (failure != null) {
          console.info("Cannot connect to " + host + ":" + port + ": "
              + Failures.inSentence(failure));
          exit.complete(1);
        } else {
          tls.ifPresent(t -> t.awaitHandshake(exit));
        }
      });
      running.second().whenComplete((done, failure) -> running.first().whenComplete((c, f) -> {
        if (f != null || exit.isDone()) {
          return;
        }
        if (tls.isPresent() && tls.get().explainEnd(failure)) {
          exit.complete(1);
        } else if (failure != null) {
          console.info("Connection lost: " + Failures.inSentence(failure));
          exit.complete(1);
        } else if (quitSent) {
          exit.complete(0);
        } else {
          console.info(heard || tls.isPresent() ? "Connection closed by server"
              : "Connection closed by server before it said anything; if that is a TLS port, "
                  + "add --tls");
          exit.complete(1);
        }
      }));
      return exit.get();
    } finally {
      console.close();
      system.terminate();
    }
  }

  private Flow<ByteString, ByteString, CompletionStage<Tcp.OutgoingConnection>> connection(
      ActorSystem<Void> system) {
    InetSocketAddress address = new InetSocketAddress(host, port);
    return tls.map(t -> t.connection(Tcp.get(system), address, CONNECT_TIMEOUT))
        .orElseGet(() -> Tcp.get(system).outgoingConnection(address, Optional.empty(), List.of(),
            true, Optional.of(CONNECT_TIMEOUT), Optional.empty()));
  }

  private Source<String, ?> outgoingLines(Source<String, NotUsed> answers) {
    Source<String, ?> typed = Source.unfoldResource(() -> console, this::nextTyped, c -> {})
        .map(UserInput::toWire)
        .filter(line -> !line.isBlank())
        .concat(Source.single(UserInput.QUIT))
        .mapAsync(1, line -> gate.next().thenApply(done -> line));
    return Source.from(signIn.opening()).concat(answers.merge(typed))
        .takeWhile(line -> !UserInput.isQuit(line), true)
        .map(line -> {
          if (UserInput.isQuit(line)) {
            quitSent = true;
          }
          return line;
        });
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

  private void received(InboundLine inbound, BoundedSourceQueue<String> answers,
      CompletableFuture<Integer> exit) {
    heard = true;
    if (gaveUp) {
      return;
    }
    if (!(inbound instanceof InboundLine.Text text)) {
      console.info("(a line from the server was too long to show)");
      return;
    }
    ServerLine parsed = ServerLine.parse(text.text());
    SignIn.Step step = signIn.on(parsed);
    if (step instanceof SignIn.GiveUp giveUp) {
      gaveUp = true;
      console.info(giveUp.why());
      exit.complete(1);
      return;
    }
    if (step instanceof SignIn.Hide) {
      return;
    }
    track(parsed);
    console.show(text.text(), ownNick);
    if (step instanceof SignIn.Send send) {
      answers.offer(send.line());
    } else if (step instanceof SignIn.AdmitOne) {
      gate.admitOne();
    } else if (step instanceof SignIn.AskSecret ask) {
      console.askSecret(ask.prompt());
    } else if (step instanceof SignIn.SignedIn) {
      gate.open();
    }
  }

  /** Follows the user's nickname and current room, for the prompt and for highlighting. */
  private void track(ServerLine line) {
    switch (line.kind()) {
      case "OK" -> {
        if (line.field(0).equals("nick")) {
          ownNick = line.field(1);
        } else if (line.field(0).equals("current")) {
          room = line.field(1);
        }
      }
      case "JOINED" -> {
        if (line.field(1).equals(ownNick)) {
          room = line.field(0);
        }
      }
      case "LEFT" -> {
        if (line.field(1).equals(ownNick) && line.field(0).equals(room)) {
          room = null;
        }
      }
      case "KICKED" -> {
        if (line.field(2).equals(ownNick) && line.field(0).equals(room)) {
          room = null;
        }
      }
      default -> {
        return;
      }
    }
    // The names come from the server: nothing it sends may act on the user's terminal.
    console.setPrompt(TextSanitizer.clean((room == null ? "" : "[" + room + "] ")
        + (ownNick == null ? "" : ownNick) + "> "));
  }
}
