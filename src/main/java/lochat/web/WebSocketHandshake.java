package lochat.web;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import lochat.protocol.web.WebSocketFrame;
import org.apache.pekko.util.ByteString;

/**
 * Recognises the opening handshake of the chat's WebSocket (RFC 6455, section 4.2.1) in the
 * first request of a connection, and writes the server's answers to it. Pure functions.
 *
 * <p>Why the web listener reads this one request itself: so that a browser's chat runs on the
 * same stream stages as a native connection, with WebSocket frames cut and written by
 * {@link WebSocketFraming}, instead of through pekko-http's per-message WebSocket pipeline
 * (docs/performance.md, issue 13). Everything that is not a WebSocket handshake for
 * {@code /ws} goes to pekko-http unread: {@link #read} answers {@link NotWebSocket}.
 *
 * <p>Limits: a handshake must open its connection, as browsers' do; no subprotocol and no
 * extension (compression) is ever agreed; a request head is at most {@link #MAX_HEAD_BYTES}.
 */
final class WebSocketHandshake {

  /** Where the chat's WebSocket is. */
  static final String PATH = "/ws";

  /** The longest request head read: larger ones are answered 431. */
  static final int MAX_HEAD_BYTES = 16 * 1024;

  private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
  private static final Pattern LINE_BREAK = Pattern.compile("\r?\n");
  private static final int KEY_BYTES = 16;

  /** What a connection's first request is. */
  sealed interface Request {}

  /** Anything but a WebSocket handshake for the chat: pekko-http answers it. */
  record NotWebSocket() implements Request {}

  /** A good handshake: the connection becomes the chat's WebSocket. */
  record Upgrade(String key) implements Request {

    /** The {@code 101} that completes the handshake. */
    ByteString switching() {
      return ascii("HTTP/1.1 101 Switching Protocols\r\n"
          + "Upgrade: websocket\r\n"
          + "Connection: Upgrade\r\n"
          + "Sec-WebSocket-Accept: " + WebSocketFrame.accept(key) + "\r\n"
          + "\r\n");
    }
  }

  /**
   * A handshake for the chat that is refused, with the status, the sentence the browser gets,
   * any header that says what would be accepted, and what the server's log says of it, if
   * anything (a refusal that may be an attack).
   */
  record Refused(int status, String reason, String text, Map<String, String> headers,
      Optional<String> warning) implements Request {

    /** The whole answer, which closes the connection; dated {@code now}. */
    ByteString answer(ZonedDateTime now) {
      byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
      StringBuilder head = new StringBuilder()
          .append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n")
          .append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME
              .format(now.withZoneSameInstant(ZoneOffset.UTC))).append("\r\n")
          .append("Content-Type: text/plain; charset=UTF-8\r\n")
          .append("Content-Length: ").append(body.length).append("\r\n")
          .append("Connection: close\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      WebRoutes.SECURITY_HEADERS.forEach(header ->
          head.append(header.name()).append(": ").append(header.value()).append("\r\n"));
      return ascii(head.append("\r\n").toString()).concat(ByteString.fromArrayUnsafe(body));
    }
  }

  private WebSocketHandshake() {}

  /** Where the first request head in {@code bytes} ends (after its blank line), or -1. */
  static int headLength(ByteString bytes, int searchFrom) {
    int at = bytes.indexOfSlice(ByteString.fromArrayUnsafe(HEAD_END), Math.max(0, searchFrom));
    return at < 0 ? -1 : at + HEAD_END.length;
  }

  /** The refusal of a request head longer than {@link #MAX_HEAD_BYTES}. */
  static Refused tooLarge() {
    return new Refused(431, "Request Header Fields Too Large",
        "The request's head is longer than " + MAX_HEAD_BYTES + " bytes", Map.of(),
        Optional.empty());
  }

  /** What the request whose head is {@code head} (up to and with its blank line) is. */
  static Request read(ByteString head) {
    return read(head, origin -> false);
  }

  /**
   * Like {@link #read(ByteString)}, taking also the WebSockets of pages at origins
   * {@code trusted} accepts (the cluster's other nodes').
   */
  static Request read(ByteString head, Predicate<String> trusted) {
    List<String> lines =
        List.of(LINE_BREAK.split(head.decodeString(StandardCharsets.ISO_8859_1)));
    String[] requestLine = lines.get(0).split(" ", -1);
    if (requestLine.length != 3 || !isChatPath(requestLine[1])) {
      return new NotWebSocket();
    }
    Optional<Map<String, List<String>>> parsed = headers(lines.subList(1, lines.size()));
    if (parsed.isEmpty()) {
      return new NotWebSocket();
    }
    Map<String, List<String>> headers = parsed.get();
    if (!hasToken(headers, "upgrade", "websocket")) {
      return new NotWebSocket();
    }
    if (!requestLine[0].equals("GET") || !requestLine[2].equals("HTTP/1.1")) {
      return badRequest("A WebSocket handshake is a GET request in HTTP/1.1");
    }
    if (!hasToken(headers, "connection", "upgrade")) {
      return badRequest("A WebSocket handshake carries Connection: Upgrade");
    }
    if (!headers.getOrDefault("sec-websocket-version", List.of()).equals(List.of("13"))) {
      return new Refused(426, "Upgrade Required", "This server speaks WebSocket version 13",
          Map.of("Sec-WebSocket-Version", "13"), Optional.empty());
    }
    List<String> keys = headers.getOrDefault("sec-websocket-key", List.of());
    if (keys.size() != 1 || !isKey(keys.get(0))) {
      return badRequest("A WebSocket handshake carries one Sec-WebSocket-Key of 16 bytes");
    }
    List<String> hosts = headers.getOrDefault("host", List.of());
    if (hosts.size() != 1 || hosts.get(0).isEmpty()) {
      return badRequest("The request has no Host");
    }
    List<String> origins = headers.getOrDefault("origin", List.of());
    if (!origins.isEmpty() && !sameOrigin(origins.get(0), hosts.get(0))
        && !trusted.test(origins.get(0))) {
      return new Refused(403, "Forbidden",
          "WebSocket connections are taken only from this server's own page, or its cluster's",
          Map.of(),
          Optional.of("its page is from " + origins.get(0) + ", not this server ("
              + hosts.get(0) + ")"));
    }
    return new Upgrade(keys.get(0));
  }

  /** Whether a page at {@code origin} was served by this server, reached as {@code host}. */
  static boolean sameOrigin(String origin, String host) {
    String lower = origin.toLowerCase(Locale.ROOT);
    String self = host.toLowerCase(Locale.ROOT);
    return !self.isEmpty() && (lower.equals("http://" + self) || lower.equals("https://" + self));
  }

  private static boolean isChatPath(String target) {
    int query = target.indexOf('?');
    return (query < 0 ? target : target.substring(0, query)).equals(PATH);
  }

  /** The header fields by lower-case name, each value trimmed; empty when one is malformed. */
  private static Optional<Map<String, List<String>>> headers(List<String> lines) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t'
          || line.substring(0, colon).contains(" ")) {
        return Optional.empty();
      }
      headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT),
          name -> new ArrayList<>()).add(line.substring(colon + 1).strip());
    }
    return Optional.of(headers);
  }

  /** Whether a comma-separated header {@code name} lists {@code token}, in any case. */
  private static boolean hasToken(Map<String, List<String>> headers, String name, String token) {
    return headers.getOrDefault(name, List.of()).stream()
        .flatMap(value -> List.of(value.split(",")).stream())
        .anyMatch(listed -> listed.strip().equalsIgnoreCase(token));
  }

  private static boolean isKey(String key) {
    try {
      return Base64.getDecoder().decode(key).length == KEY_BYTES;
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  private static Refused badRequest(String text) {
    return new Refused(400, "Bad Request", text, Map.of(), Optional.empty());
  }

  private static ByteString ascii(String text) {
    return ByteString.fromString(text, StandardCharsets.US_ASCII);
  }
}
