package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import lochat.protocol.irc.IrcMessage;
import lochat.testing.IrcTestClient;
import lochat.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many readers that keep reading, and a few senders that write as fast as the server takes their
 * lines: together the senders outpace what the readers' small send buffers hold, so the room
 * keeps falling behind its slowest reader. It must then slow the senders (their lines are
 * answered later) rather than cut anybody off: nobody who keeps reading is dropped as too slow,
 * every reader gets every post once, each sender's posts in the order sent, and all readers see
 * the same order, whichever protocol they speak.
 *
 * <p>Every client, the senders included, reads on a thread of its own from the moment it
 * connects (the test clients' reader threads); the senders write without a window, so that only
 * the server's pacing of their input holds them back.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClosedLoopFanOutTest extends IrcEndToEndBase {

  private static final int SEND_BUFFER = 16_384;
  private static final String SETTINGS = String.join("\n",
      "lochat.connection.input-lines-per-second = 0",
      "lochat.connection.send-buffer = " + SEND_BUFFER,
      "lochat.per-address.max-connections = 0",
      "lochat.per-address.max-unregistered = 0");
  private static final int SENDERS = 4;
  private static final int READERS = 20;
  private static final int POSTS = 1_500;
  private static final String PAYLOAD = "p".repeat(300);

  /** The whole promise, senders included: a sender reads all the time too. */
  @Test
  void nobodyWhoKeepsReadingIsDroppedAndEveryoneSeesEveryPostInOneOrder() throws Exception {
    start(SETTINGS);
    List<Sender> senders = new ArrayList<>();
    List<PostReader> everyone = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      TestClient client = nativeUser("s" + s);
      senders.add(nativeSender(client));
      everyone.add(nativeReader("s" + s, client));
    }
    for (int r = 0; r < READERS; r++) {
      everyone.add(nativeReader("r" + r, nativeUser("r" + r)));
    }

    Map<String, Seen> seen = fanOut(senders, everyone);

    assertEveryoneStayedAndGotEveryPost(seen);
    assertOneOrder(seen);
    TestClient last = nativeUser("late");
    last.send("/who");
    last.expectStartsWith("WHO lobby @s0 s1 s2 s3 r0 r1 ");
  }

  /** The same with half the readers and half the senders on IRC, in the same room. */
  @Test
  void ircAndNativeClientsAreNeverDroppedAndAllSeeEveryPostInOneOrder() throws Exception {
    start(SETTINGS);
    List<Sender> senders = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      senders.add(s % 2 == 0
          ? nativeSender(nativeUser("s" + s))
          : ircSender(irc("s" + s, "#lobby")));
    }
    List<PostReader> readers = new ArrayList<>();
    for (int r = 0; r < READERS; r++) {
      String nick = "r" + r;
      readers.add(r % 2 == 0
          ? nativeReader(nick, nativeUser(nick))
          : ircReader(nick, irc(nick, "#lobby").answerPings(true)));
    }

    Map<String, Seen> seen = fanOut(senders, readers);

    assertEveryoneStayedAndGotEveryPost(seen);
    assertOneOrder(seen);
  }

  // --- the scenario -------------------------------------------------------------------------

  /**
   * Has every sender write {@link #POSTS} posts at once, on threads of its own, and reads each
   * reader's posts until every sender has finished or left; checks each sender's posts arrive in
   * order and only before it left. Every sender must finish, unless readers saw it leave.
   */
  private static Map<String, Seen> fanOut(List<Sender> senders, List<PostReader> readers)
      throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(senders.size());
    try {
      List<Future<?>> writing = new ArrayList<>();
      for (Sender sender : senders) {
        writing.add(writers.submit(() -> {
          for (int i = 0; i < POSTS; i++) {
            sender.post(i + " " + PAYLOAD);
          }
          return null;
        }));
      }
      Map<String, Seen> seen = new LinkedHashMap<>();
      for (PostReader reader : readers) {
        seen.put(reader.name(), read(reader));
      }
      Set<String> left = seen.values().iterator().next().left();
      for (int s = 0; s < senders.size(); s++) {
        try {
          writing.get(s).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
          String nick = "s" + s;
          assertTrue(left.contains(nick), () -> nick + " could not send: " + failed.getCause());
        }
      }
      return seen;
    } finally {
      writers.shutdownNow();
    }
  }

  /** A reader's posts as {@code sender * POSTS + index}, in order, and who it saw leave. */
  private record Seen(int[] posts, Set<String> left) {}

  private static Seen read(PostReader reader) throws Exception {
    int[] posts = new int[SENDERS * POSTS];
    int count = 0;
    int[] next = new int[SENDERS];
    Set<String> left = new TreeSet<>();
    int finished = 0;
    while (finished < SENDERS) {
      Event event = reader.next();
      if (event instanceof Post post) {
        int sender = post.sender();
        String from = "s" + sender;
        assertFalse(left.contains(from), () -> reader.name() + ": a post from " + from
            + " after it left");
        assertEquals(next[sender], post.index(),
            () -> reader.name() + ": posts of " + from + " out of order");
        assertEquals(PAYLOAD, post.text(), () -> reader.name() + ": post " + post.index());
        posts[count++] = sender * POSTS + post.index();
        if (++next[sender] == POSTS) {
          finished++;
        }
      } else if (event instanceof Left gone) {
        String nick = gone.nick();
        assertTrue(left.add(nick), () -> reader.name() + " saw " + nick + " leave twice");
        if (nick.matches("s[0-9]+") && next[Integer.parseInt(nick.substring(1))] < POSTS) {
          finished++;
        }
      }
    }
    return new Seen(Arrays.copyOf(posts, count), left);
  }

  /** Every reader saw the same posts in the same order, and the same senders leave. */
  private static void assertOneOrder(Map<String, Seen> seen) {
    Map.Entry<String, Seen> first = seen.entrySet().iterator().next();
    for (Map.Entry<String, Seen> reader : seen.entrySet()) {
      assertArrayEquals(first.getValue().posts(), reader.getValue().posts(),
          () -> reader.getKey() + " saw another order of posts than " + first.getKey());
      assertEquals(first.getValue().left(), reader.getValue().left(), reader.getKey());
    }
  }

  /** Nobody was seen leaving, and every reader got every post of every sender. */
  private static void assertEveryoneStayedAndGotEveryPost(Map<String, Seen> seen) {
    for (Map.Entry<String, Seen> reader : seen.entrySet()) {
      assertEquals(Set.of(), reader.getValue().left(), reader.getKey() + " saw these leave");
      assertEquals(SENDERS * POSTS, reader.getValue().posts().length, reader.getKey());
    }
  }

  // --- clients ------------------------------------------------------------------------------

  /** Sends one post. */
  private interface Sender {
    void post(String text) throws IOException;
  }

  /** What a reader sees that matters here: posts, departures, and anything else. */
  private sealed interface Event {}

  private record Post(int sender, int index, String text) implements Event {}

  private record Left(String nick, String reason) implements Event {}

  private record Other() implements Event {}

  private static final Other OTHER = new Other();

  private interface PostReader {
    String name();

    Event next() throws Exception;
  }

  private static Sender nativeSender(TestClient client) {
    return client::send;
  }

  private static Sender ircSender(IrcTestClient client) {
    return text -> client.send("PRIVMSG #lobby :" + text);
  }

  private static PostReader nativeReader(String name, TestClient client) {
    return new PostReader() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Event next() throws Exception {
        String line = client.nextLine();
        if (line.startsWith("MSG lobby s")) {
          String[] parts = line.split(" ", 5);
          return new Post(Integer.parseInt(parts[2].substring(1)), Integer.parseInt(parts[3]),
              parts[4]);
        }
        if (line.startsWith("LEFT lobby ")) {
          String[] parts = line.split(" ", 4);
          return new Left(parts[2], parts[3]);
        }
        assertFalse(line.startsWith("ERROR"), () -> name + ": " + line);
        return OTHER;
      }
    };
  }

  private static PostReader ircReader(String name, IrcTestClient client) {
    return new PostReader() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Event next() throws Exception {
        IrcMessage message = client.expectNext();
        String nick = message.prefix().map(prefix -> prefix.split("!", 2)[0]).orElse("");
        switch (message.command()) {
          case "PRIVMSG" -> {
            assertEquals("#lobby", message.params().get(0));
            String[] parts = last(message).split(" ", 2);
            return new Post(Integer.parseInt(nick.substring(1)), Integer.parseInt(parts[0]),
                parts[1]);
          }
          case "QUIT", "PART" -> {
            return new Left(nick, last(message));
          }
          case "ERROR" -> fail(name + ": " + message.render());
          default -> { }
        }
        return OTHER;
      }
    };
  }
}
