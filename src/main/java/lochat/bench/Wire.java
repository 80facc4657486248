package lochat.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * How a load-generator client speaks one wire protocol: what it sends to sign in, join a room,
 * post and quit, and how it reads the server's lines, so that the same workload runs against
 * Lochat's native listener, its IRC listener, its web listener and any IRC server.
 *
 * <p>A "line" is one message of the protocol as its {@link #transport} delivers it: a line
 * without its terminator on native and IRC, the JSON text of one WebSocket message on the web.
 * Deliveries, the lines that carry other people's posts, are recognised on bytes without
 * decoding them, since a run reads millions a second; every other line is decoded and handed to
 * {@link #onLine}.
 *
 * <p>Limits: only what a benchmark client needs. Posts are ASCII, rooms are plain names
 * ({@code bench0}, written {@code #bench0} on IRC), nicknames at most 9 characters (the IRC
 * default), and a refusal of any kind ends the connection's run.
 */
public sealed interface Wire permits Wire.Native, Wire.Irc, Wire.Web {

  /** What a line told the client about its progress. */
  /**
   * What a line told the client about its progress. {@code RETRY}: the nickname cannot be given
   * now but may be soon (a cluster whose majority did not answer in time), so the client may
   * sign in again with it.
   */
  enum Progress { NONE, REGISTERED, JOINED, REFUSED, RETRY }

  /** The name used on the command line: {@code native}, {@code irc} or {@code web}. */
  String name();

  /** How one connection to {@code server} carries this wire's lines: plain lines by default. */
  default Transport transport(InetSocketAddress server) {
    return Transport.LINES;
  }

  /** What to send as soon as the connection is open. */
  byte[] greeting(String nick);

  /** What to send to ask for {@code nick} again after a {@link Progress#RETRY}. */
  default byte[] retry(String nick) {
    return greeting(nick);
  }

  /**
   * Takes a line that is not a delivery; {@code room} is the room to join once registered, or
   * null to stay out of rooms. Anything the line asks for (a join, a PONG) goes to {@code send}.
   */
  Progress onLine(String line, String room, Consumer<byte[]> send);

  /**
   * Where the text of a delivery starts in {@code line[from, to)}, or -1 when the line is not a
   * post in a room.
   */
  int deliveryText(byte[] line, int from, int to);

  /**
   * Where the first word of a delivery's text, which starts at {@code text}, ends at the latest,
   * in {@code line[text, to)}: the end of the line unless the protocol quotes the text. The
   * payload token is that first word ({@link Payload#decodeFirst}), so nothing after it is read.
   */
  default int deliveryWordEnd(byte[] line, int text, int to) {
    return to;
  }

  /**
   * A post of {@code text} to {@code room}, with its line terminator (if any: the web's
   * transport frames it instead), in a new array the caller may change.
   */
  byte[] post(String room, String text);

  /** A goodbye, with its line terminator (if any). */
  byte[] quit();

  /** The wire called {@code name}. */
  static Wire named(String name) {
    return switch (name) {
      case "native" -> new Native();
      case "irc" -> new Irc();
      case "web" -> new Web();
      default -> throw new IllegalArgumentException(
          "Unknown protocol '" + name + "': use native, irc or web");
    };
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean startsWith(byte[] line, int from, int to, byte[] prefix) {
    if (to - from < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (line[from + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean endsWith(byte[] line, int from, int to, byte[] suffix) {
    return to - from >= suffix.length && startsWith(line, to - suffix.length, to, suffix);
  }

  private static boolean equal(byte[] line, int from, int to, byte[] expected) {
    return to - from == expected.length && startsWith(line, from, to, expected);
  }

  /** Where the {@code n}th space after {@code from} is, or -1. */
  private static int space(byte[] line, int from, int to, int n) {
    for (int i = from; i < to; i++) {
      if (line[i] == ' ' && --n == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Lochat's native line protocol (docs/protocol.md, part I). */
  record Native() implements Wire {

    private static final byte[] MSG = ascii("MSG ");

    @Override
    public String name() {
      return "native";
    }

    @Override
    public byte[] greeting(String nick) {
      return ascii(nick + "\n");
    }

    @Override
    public Progress onLine(String line, String room, Consumer<byte[]> send) {
      if (line.startsWith("SERVER Hello ")) {
        if (room != null) {
          send.accept(ascii("/join " + room + "\n"));
        }
        return Progress.REGISTERED;
      }
      // Lines about a room reach only its members, and the first is our own JOINED.
      if (room != null && line.startsWith("JOINED " + room + " ")) {
        return Progress.JOINED;
      }
      return line.startsWith("ERROR nick-unavailable ") ? Progress.RETRY
          : line.startsWith("ERROR ") ? Progress.REFUSED : Progress.NONE;
    }

    @Override
    public int deliveryText(byte[] line, int from, int to) {
      if (!startsWith(line, from, to, MSG)) {
        return -1;
      }
      int text = space(line, from + MSG.length, to, 2);
      return text < 0 ? -1 : text + 1;
    }

    @Override
    public byte[] post(String room, String text) {
      return ascii(text + "\n");
    }

    @Override
    public byte[] quit() {
      return ascii("/quit\n");
    }
  }

  /** IRC (RFC 1459/2812 as servers speak it): registration, JOIN, PRIVMSG, PING. */
  record Irc() implements Wire {

    private static final byte[] PRIVMSG = ascii("PRIVMSG ");

    @Override
    public String name() {
      return "irc";
    }

    @Override
    public byte[] greeting(String nick) {
      return ascii("NICK " + nick + "\r\nUSER " + nick + " 0 * :Lochat bench\r\n");
    }

    @Override
    public byte[] retry(String nick) {
      return ascii("NICK " + nick + "\r\n");
    }

    @Override
    public Progress onLine(String line, String room, Consumer<byte[]> send) {
      String rest = line;
      if (rest.startsWith(":")) {
        int space = rest.indexOf(' ');
        rest = space < 0 ? "" : rest.substring(space + 1);
      }
      int space = rest.indexOf(' ');
      String command = space < 0 ? rest : rest.substring(0, space);
      switch (command) {
        case "PING" -> {
          send.accept(ascii("PONG " + rest.substring(Math.min(rest.length(), 5)) + "\r\n"));
          return Progress.NONE;
        }
        case "001" -> {
          if (room != null) {
            send.accept(ascii("JOIN #" + room + "\r\n"));
          }
          return Progress.REGISTERED;
        }
        case "366" -> {
          return room != null && rest.contains(" #" + room + " ") ? Progress.JOINED : Progress.NONE;
        }
        case "437" -> {
          return Progress.RETRY;
        }
        // Refusals of the nickname, the join or the connection itself.
        case "ERROR", "432", "433", "436", "403", "405", "471", "473", "474", "475" -> {
          return Progress.REFUSED;
        }
        default -> {
          return Progress.NONE;
        }
      }
    }

    @Override
    public int deliveryText(byte[] line, int from, int to) {
      int command = from;
      if (from < to && line[from] == ':') {
        command = space(line, from, to, 1) + 1;
        if (command == 0) {
          return -1;
        }
      }
      if (!startsWith(line, command, to, PRIVMSG)) {
        return -1;
      }
      int target = command + PRIVMSG.length;
      if (target >= to || line[target] != '#') {
        return -1;
      }
      int text = space(line, target, to, 1);
      if (text < 0 || text + 1 >= to) {
        return -1;
      }
      return line[text + 1] == ':' ? text + 2 : text + 1;
    }

    @Override
    public byte[] post(String room, String text) {
      return ascii("PRIVMSG #" + room + " :" + text + "\r\n");
    }

    @Override
    public byte[] quit() {
      return ascii("QUIT :bench done\r\n");
    }
  }

  /**
   * Lochat's web protocol (docs/protocol.md, part III): the native protocol's commands and
   * replies as JSON objects, one per WebSocket message.
   *
   * <p>A delivery is a {@code msg} message that is not {@code "history":true}. It is recognised
   * on bytes: Lochat writes {@code type} first, so the message is {@code {"type":"msg",...}};
   * its text is the string after {@code "text":"}, which ends at the first unescaped quote.
   * Payload text needs no escaping, so the token is read from the bytes as they are.
   *
   * <p>A post is a {@code say}, which goes to the session's current room: the last one joined,
   * since each generator client joins one room (besides the server's default room).
   *
   * <p>Limits: a {@code msg} of any {@code kind} (an action, a notice) counts, as the generator
   * sends only plain posts. Joined, like native, means the first {@code joined} message for the
   * room, which is the client's own (or {@code ok} {@code current} for a room it was in).
   */
  record Web() implements Wire {

    private static final byte[] MSG = ascii("{\"type\":\"msg\",");
    private static final byte[] TEXT = ascii("text");
    private static final byte[] HISTORY = ascii("history");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] HISTORY_LAST = ascii(",\"history\":true}");

    @Override
    public String name() {
      return "web";
    }

    @Override
    public Transport transport(InetSocketAddress server) {
      String host = server.getHostString();
      String authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":"
          + server.getPort();
      return new WebSocketTransport(authority, ThreadLocalRandom.current());
    }

    @Override
    public byte[] greeting(String nick) {
      return ascii("{\"type\":\"nick\",\"nick\":" + JsonText.quote(nick) + "}");
    }

    @Override
    public Progress onLine(String line, String room, Consumer<byte[]> send) {
      String type = JsonText.string(line, "type");
      if (type == null) {
        return Progress.NONE;
      }
      switch (type) {
        case "ok" -> {
          String what = JsonText.string(line, "what");
          if ("nick".equals(what)) {
            if (room != null) {
              send.accept(ascii("{\"type\":\"join\",\"room\":" + JsonText.quote(room) + "}"));
            }
            return Progress.REGISTERED;
          }
          return room != null && "current".equals(what)
              && room.equals(JsonText.string(line, "detail")) ? Progress.JOINED : Progress.NONE;
        }
        case "joined" -> {
          return room != null && room.equals(JsonText.string(line, "room"))
              ? Progress.JOINED : Progress.NONE;
        }
        case "ping" -> {
          String token = JsonText.raw(line, "token");
          send.accept(ascii(token == null ? "{\"type\":\"pong\"}"
              : "{\"type\":\"pong\",\"token\":" + token + "}"));
          return Progress.NONE;
        }
        case "error" -> {
          return "nick-unavailable".equals(JsonText.string(line, "code")) ? Progress.RETRY
              : Progress.REFUSED;
        }
        default -> {
          return Progress.NONE;
        }
      }
    }

    /**
     * Where the {@code text} string of a live post starts: the top-level members are read up to
     * it (the server writes compact JSON), and a replay from history, marked {@code
     * "history":true}, is not one. That mark is looked for among the members before the text,
     * and as the last member, where Lochat writes it ({@code JsonRenderer}); reading the rest of
     * every message for it cost the generator a third of its time at 900,000 deliveries/s. A
     * replay marked elsewhere would be counted as an unexpected delivery, which fails the run.
     */
    @Override
    public int deliveryText(byte[] line, int from, int to) {
      if (!startsWith(line, from, to, MSG) || endsWith(line, from, to, HISTORY_LAST)) {
        return -1;
      }
      int at = from + MSG.length;
      while (at < to && line[at] == '"') {
        int keyEnd = JsonText.stringEnd(line, at + 1, to);
        if (keyEnd < 0 || keyEnd + 2 >= to || line[keyEnd + 1] != ':') {
          return -1;
        }
        int value = keyEnd + 2;
        if (equal(line, at + 1, keyEnd, TEXT)) {
          return line[value] == '"' ? value + 1 : -1;
        }
        int valueEnd = JsonText.valueEnd(line, value, to);
        if (valueEnd < 0
            || equal(line, at + 1, keyEnd, HISTORY) && equal(line, value, valueEnd, TRUE)) {
          return -1;
        }
        at = valueEnd < to && line[valueEnd] == ',' ? valueEnd + 1 : to;
      }
      return -1;
    }

    /**
     * The first space, quote or backslash: the text's closing quote, or any of the others
     * before it (an escape is never part of a payload token).
     */
    @Override
    public int deliveryWordEnd(byte[] line, int text, int to) {
      for (int i = text; i < to; i++) {
        byte b = line[i];
        if (b == ' ' || b == '"' || b == '\\') {
          return i;
        }
      }
      return to;
    }

    @Override
    public byte[] post(String room, String text) {
      StringBuilder say = new StringBuilder(text.length() + 24)
          .append("{\"type\":\"say\",\"text\":");
      return ascii(JsonText.appendQuoted(say, text).append('}').toString());
    }

    @Override
    public byte[] quit() {
      return ascii("{\"type\":\"quit\"}");
    }
  }
}
