package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import lochat.protocol.irc.IrcMessage;
import lochat.protocol.irc.IrcParse;
import lochat.testing.IrcTestClient;
import lochat.testing.TestClient;
import lochat.testing.TestServer;
import org.junit.jupiter.api.AfterEach;

/**
 * What the IRC end-to-end tests share: a real server with its native and IRC listeners on
 * 127.0.0.1, IRC and native clients that are closed after each test, and the assertions that
 * read IRC replies the way a user's client would.
 *
 * <p>Each test gets its own server: started with the defaults on first use, or with the test's
 * own settings through {@link #start(String)}. Flood control is off unless a test turns it on.
 */
abstract class IrcEndToEndBase {

  /** The server's name, which prefixes its replies and is the host part of every user mask. */
  static final String SERVER = "lochat";

  private static final String DEFAULTS = "lochat.connection.input-lines-per-second = 0\n";

  private TestServer server;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private int syncs;

  /** Starts this test's server with {@code overrides} on top of the test defaults. */
  TestServer start(String overrides) throws Exception {
    if (server != null) {
      throw new IllegalStateException("This test's server is already running");
    }
    server = TestServer.start(DEFAULTS + overrides);
    return server;
  }

  TestServer server() throws Exception {
    return server != null ? server : start("");
  }

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable client : opened) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** An IRC connection that has sent nothing yet. */
  IrcTestClient ircConnect() throws Exception {
    IrcTestClient client = IrcTestClient.connect(server().ircPort());
    opened.add(client);
    return client;
  }

  /** An IRC user registered as {@code nick}, in {@code channels}, its welcome burst consumed. */
  IrcTestClient irc(String nick, String... channels) throws Exception {
    IrcTestClient client = ircConnect();
    register(client, nick);
    for (String channel : channels) {
      join(client, channel);
    }
    return client;
  }

  /**
   * Sends {@code NICK} and {@code USER} and returns the messages up to the end of the welcome:
   * the end of the MOTD (376) or its absence (422). Any other error fails the test.
   *
   * <p>{@link IrcTestClient#register} is not used: it takes 422 for an error, so it fails on a
   * server without a MOTD, which is the default.
   */
  static List<IrcMessage> register(IrcTestClient client, String nick) throws Exception {
    client.send("NICK " + nick);
    client.send("USER " + nick + " 0 * :Real Name");
    return welcome(client);
  }

  /** The messages up to the end of the welcome burst (376 or 422); an error fails the test. */
  static List<IrcMessage> welcome(IrcTestClient client) throws Exception {
    List<IrcMessage> messages = new ArrayList<>();
    while (true) {
      IrcMessage message = client.expectNext();
      messages.add(message);
      String command = message.command();
      if (command.equals("376") || command.equals("422")) {
        return messages;
      }
      if (command.equals("ERROR") || command.matches("[45][0-9][0-9]")) {
        throw new AssertionError("Registration refused: " + message.render() + "; " + messages);
      }
    }
  }

  /** An IRC user registered as {@code nick} with {@code caps} (space-separated) enabled. */
  IrcTestClient ircWithCaps(String nick, String caps) throws Exception {
    return registerWithCaps(ircConnect(), nick, caps);
  }

  /** Registers {@code nick} with {@code caps} (space-separated) requested and acknowledged. */
  static IrcTestClient registerWithCaps(IrcTestClient client, String nick, String caps)
      throws Exception {
    client.send("CAP LS 302");
    client.send("CAP REQ :" + caps);
    client.send("NICK " + nick);
    client.send("USER " + nick + " 0 * :Real Name");
    client.send("CAP END");
    List<IrcMessage> messages = welcome(client);
    assertTrue(messages.stream().anyMatch(m -> m.command().equals("CAP")
        && m.params().get(1).equals("ACK")), () -> renders(messages).toString());
    return client;
  }

  /** Joins {@code channel} and waits for the end of its NAMES list. */
  static void join(IrcTestClient client, String channel) throws Exception {
    client.send("JOIN " + channel);
    client.expect(m -> m.command().equals("366") && m.params().get(1).equals(channel),
        "366 (end of NAMES) for " + channel);
  }

  /** A native user registered as {@code nick}; the server has put it in the lobby. */
  TestClient nativeUser(String nick) throws Exception {
    TestClient client = server().register(nick);
    opened.add(client);
    return client;
  }

  /** A native connection that has not chosen a nickname yet. */
  TestClient nativeConnect() throws Exception {
    TestClient client = server().connect();
    opened.add(client);
    return client;
  }

  /**
   * Sends a PING and returns every message received before its PONG: as the server answers a
   * client's lines in order, these are all the replies to the lines sent before.
   */
  List<IrcMessage> sync(IrcTestClient client) throws Exception {
    String token = "sync" + (++syncs);
    client.send("PING :" + token);
    List<IrcMessage> before = new ArrayList<>();
    while (true) {
      IrcMessage message = client.expectNext();
      if (message.command().equals("PONG") && last(message).equals(token)) {
        return before;
      }
      before.add(message);
    }
  }

  /**
   * Waits for a message equal to {@code line} (its tags ignored), skipping others. The line is
   * compared as a message, so {@code :x TOPIC #a :word} matches {@code :x TOPIC #a word}.
   */
  static IrcMessage expectLine(IrcTestClient client, String line) throws Exception {
    String wanted = normal(line);
    return client.expect(m -> untagged(m).equals(wanted), "the line " + line);
  }

  /** Waits for all of {@code lines}, in any order, skipping others. */
  static void expectLines(IrcTestClient client, String... lines) throws Exception {
    Set<String> missing = new HashSet<>();
    for (String line : lines) {
      missing.add(normal(line));
    }
    while (!missing.isEmpty()) {
      IrcMessage message = client.expect(m -> missing.contains(untagged(m)), "one of " + missing);
      missing.remove(untagged(message));
    }
  }

  /** Waits for all of {@code lines}, in any order, skipping others (native client). */
  static void expectLines(TestClient client, String... lines) throws Exception {
    Set<String> missing = new HashSet<>(List.of(lines));
    while (!missing.isEmpty()) {
      client.expectMatching(missing::remove, "one of " + missing);
    }
  }

  /** How many of the messages received so far equal {@code line} (tags ignored). */
  static long timesSeen(IrcTestClient client, String line) {
    String wanted = normal(line);
    return client.seen().stream()
        .filter(seen -> IrcMessage.parse(seen) instanceof IrcParse.Ok ok
            && untagged(ok.message()).equals(wanted))
        .count();
  }

  /** The lines received so far that contain {@code text}, for failure messages. */
  static List<String> linesWith(IrcTestClient client, String text) {
    return client.seen().stream().filter(line -> line.contains(text)).toList();
  }

  /** {@code line} as the server would write it, without tags. */
  static String normal(String line) {
    if (IrcMessage.parse(line) instanceof IrcParse.Ok ok) {
      return untagged(ok.message());
    }
    throw new IllegalArgumentException("Not an IRC message: " + line);
  }

  /** Whether a message is {@code command} from user {@code nick}. */
  static Predicate<IrcMessage> from(String nick, String command) {
    return m -> m.command().equals(command) && m.prefix().equals(Optional.of(mask(nick)));
  }

  /** {@code message} on the wire, without its tags. */
  static String untagged(IrcMessage message) {
    return message.withTags(Map.of()).render();
  }

  static String last(IrcMessage message) {
    return message.params().isEmpty() ? "" : message.params().get(message.params().size() - 1);
  }

  /** How {@code nick} is shown in the prefix of its messages, when it registered as itself. */
  static String mask(String nick) {
    return mask(nick, nick);
  }

  /** How {@code nick} is shown when its user name is {@code user} (it changed nickname). */
  static String mask(String nick, String user) {
    return nick + "!" + user + "@" + SERVER;
  }

  /**
   * Asserts that {@code message} is numeric {@code numeric} from the server with exactly
   * {@code params} (the client's nickname first), then one trailing text for people.
   */
  static void assertReply(IrcMessage message, String numeric, String... params) {
    assertEquals(numeric, message.command(), () -> "numeric of " + message.render());
    assertEquals(Optional.of(SERVER), message.prefix(), () -> "prefix of " + message.render());
    assertEquals(List.of(params), message.params().subList(0,
        Math.min(params.length, message.params().size())), () -> "params of " + message.render());
    assertEquals(params.length + 1, message.params().size(),
        () -> "expected one text parameter after " + List.of(params) + ": " + message.render());
  }

  /** Asserts that {@code message} is numeric {@code numeric} with exactly {@code params}. */
  static void assertExactReply(IrcMessage message, String numeric, String... params) {
    assertEquals(numeric, message.command(), () -> "numeric of " + message.render());
    assertEquals(Optional.of(SERVER), message.prefix(), () -> "prefix of " + message.render());
    assertEquals(List.of(params), message.params(), () -> "params of " + message.render());
  }

  static List<String> renders(List<IrcMessage> messages) {
    return messages.stream().map(IrcMessage::render).toList();
  }

  static List<String> commands(List<IrcMessage> messages) {
    return messages.stream().map(IrcMessage::command).toList();
  }
}
