package lochat.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A browser's chat connection for end-to-end tests, through the JDK's WebSocket client: it
 * sends JSON messages and reads them, each parsed, into a queue that the {@code expect} methods
 * poll with a timeout. It reads continuously unless told to {@link #stopReading} (then it
 * requests no more messages, and the server sees a reader that stopped).
 */
public final class WebTestClient implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode CLOSED = JSON.createObjectNode().put("type", "\u0000closed");

  private final WebSocket socket;
  private final Reader reader;
  private final BlockingDeque<JsonNode> messages;
  private final List<JsonNode> seen = new ArrayList<>();

  private WebTestClient(WebSocket socket, Reader reader) {
    this.socket = socket;
    this.reader = reader;
    this.messages = reader.messages;
  }

  /** Connects to {@code /ws} on 127.0.0.1:{@code port}, as the server's own page would. */
  public static WebTestClient connect(int port) throws Exception {
    return connect(port, Optional.of("http://127.0.0.1:" + port));
  }

  /** Connects with {@code origin} as the page's origin, or none (a program, not a browser). */
  public static WebTestClient connect(int port, Optional<String> origin) throws Exception {
    return connect(HttpClient.newHttpClient(), "ws://127.0.0.1:" + port + "/ws", origin);
  }

  /** Connects to {@code wss://127.0.0.1:port/ws} as a page from {@code https://} would. */
  public static WebTestClient connectTls(TestTls tls, int port) throws Exception {
    return connect(HttpClient.newBuilder().sslContext(tls.context).build(),
        "wss://127.0.0.1:" + port + "/ws", Optional.of("https://127.0.0.1:" + port));
  }

  private static WebTestClient connect(HttpClient http, String uri, Optional<String> origin)
      throws Exception {
    Reader reader = new Reader();
    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    origin.ifPresent(o -> builder.header("Origin", o));
    WebSocket socket = builder.buildAsync(URI.create(uri), reader).get(10, TimeUnit.SECONDS);
    return new WebTestClient(socket, reader);
  }

  /** Sends one message: {@code json} as it is. */
  public void sendRaw(String json) throws Exception {
    socket.sendText(json, true).get(10, TimeUnit.SECONDS);
  }

  /** Sends {@code {"type":TYPE, NAME: VALUE, ...}}, values strings unless Boolean or Number. */
  public void send(String type, Object... namesAndValues) throws Exception {
    ObjectNode message = JSON.createObjectNode().put("type", type);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String name = (String) namesAndValues[i];
      Object value = namesAndValues[i + 1];
      if (value instanceof Boolean flag) {
        message.put(name, flag);
      } else if (value instanceof Number number) {
        message.put(name, number.longValue());
      } else {
        message.put(name, String.valueOf(value));
      }
    }
    sendRaw(JSON.writeValueAsString(message));
  }

  /** Signs in as {@code nick} and waits for the welcome's last message. */
  public WebTestClient signIn(String nick) throws Exception {
    expectType("prompt");
    send("nick", "nick", nick);
    expect(m -> type(m).equals("ok") && m.path("what").asText().equals("nick"), "ok nick");
    expect(m -> type(m).equals("server") && m.path("text").asText().startsWith("Hello "),
        "the greeting");
    return this;
  }

  public JsonNode expectType(String type) throws InterruptedException {
    return expect(m -> type(m).equals(type), "a message of type " + type);
  }

  /** The first message, from now on, that is {@code wanted}; the others are skipped. */
  public JsonNode expect(Predicate<JsonNode> wanted, String description)
      throws InterruptedException {
    long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonNode next = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
      if (next == null || next == CLOSED) {
        fail("Expected " + description + (next == null ? " within " + TestClient.TIMEOUT
            : " but the connection closed") + "; got " + seen);
      }
      seen.add(next);
      if (wanted.test(next)) {
        return next;
      }
    }
  }

  /** Waits for the server to close the WebSocket (or the connection to end). */
  public void expectClosed() throws InterruptedException {
    long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonNode next = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
      if (next == CLOSED) {
        return;
      }
      if (next == null) {
        fail("Expected the connection to close; got " + seen);
      }
      seen.add(next);
    }
  }

  /** Requests no more messages: the client's socket buffers fill, and the server sees it. */
  public void stopReading() {
    reader.reading = false;
  }

  public static String type(JsonNode message) {
    return message.path("type").asText();
  }

  @Override
  public void close() {
    socket.abort();
  }

  /** Collects whole messages (the JDK may hand over a text message in parts). */
  private static final class Reader implements WebSocket.Listener {
    private final BlockingDeque<JsonNode> messages = new LinkedBlockingDeque<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean reading = true;

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(partial.toString());
          messages.add(message);
        } catch (Exception notJson) {
          messages.add(JSON.createObjectNode().put("type", "not-json")
              .put("text", partial.toString()));
        }
        partial.setLength(0);
      }
      if (reading) {
        socket.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
      messages.add(CLOSED);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      messages.add(CLOSED);
    }
  }
}
