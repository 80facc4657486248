package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import lochat.testing.TestClient;
import lochat.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server over real TCP on 127.0.0.1, driven the way people with {@code nc} would. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChatEndToEndTest {

  private TestServer server;
  private final List<TestClient> clients = new ArrayList<>();

  @BeforeEach
  void startServer() throws Exception {
    server = TestServer.start();
  }

  @AfterEach
  void stopServer() throws Exception {
    for (TestClient client : clients) {
      client.close();
    }
    server.close();
  }

  private TestClient register(String nick) throws Exception {
    TestClient client = server.register(nick);
    clients.add(client);
    return client;
  }

  private TestClient connect() throws Exception {
    TestClient client = server.connect();
    clients.add(client);
    return client;
  }

  @Test
  void threeClientsChattingAtOnceAllSeeTheSameOrder() throws Exception {
    List<TestClient> users = List.of(register("alice"), register("bob"), register("carol"));
    users.get(0).expect("JOINED lobby carol");
    users.get(1).expect("JOINED lobby carol");
    int perUser = 30;
    ExecutorService senders = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (int u = 0; u < users.size(); u++) {
        TestClient user = users.get(u);
        int id = u;
        sent.add(senders.submit(() -> {
          for (int i = 0; i < perUser; i++) {
            user.send("line " + i + " from user " + id);
          }
          return null;
        }));
      }
      for (Future<?> f : sent) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      senders.shutdown();
    }
    List<List<String>> seenBy = new ArrayList<>();
    for (TestClient user : users) {
      List<String> posts = new ArrayList<>();
      while (posts.size() < perUser * users.size()) {
        String line = user.nextLine();
        if (line.startsWith("MSG lobby ")) {
          posts.add(line);
        }
      }
      seenBy.add(posts);
    }
    assertEquals(seenBy.get(0), seenBy.get(1));
    assertEquals(seenBy.get(0), seenBy.get(2));
    for (int u = 0; u < users.size(); u++) {
      String author = List.of("alice", "bob", "carol").get(u);
      List<String> own = seenBy.get(0).stream()
          .filter(line -> line.startsWith("MSG lobby " + author + " ")).toList();
      for (int i = 0; i < perUser; i++) {
        assertEquals("MSG lobby " + author + " line " + i + " from user " + u, own.get(i));
      }
    }
  }

  @Test
  void senderGetsItsOwnPostAsReceipt() throws Exception {
    TestClient alice = register("alice");
    alice.send("hello everyone");
    alice.expect("MSG lobby alice hello everyone");
  }

  @Test
  void privateMessageReachesOnlyItsTarget() throws Exception {
    TestClient alice = register("alice");
    TestClient bob = register("bob");
    TestClient carol = register("carol");
    alice.send("/msg BOB meet at noon");
    alice.expect("PRIV alice bob meet at noon");
    bob.expect("PRIV alice bob meet at noon");
    alice.send("marker");
    List<String> carolSaw = carol.expect("MSG lobby alice marker");
    assertTrue(carolSaw.stream().noneMatch(line -> line.startsWith("PRIV")), carolSaw.toString());
  }

  @Test
  void privateMessageToSomeoneOfflineIsAnError() throws Exception {
    TestClient alice = register("alice");
    alice.send("/msg nobody hi");
    alice.expectStartsWith("ERROR no-such-user ");
  }

  @Test
  void takenNicknameIsRefusedCaseInsensitivelyAndAnotherCanBeChosen() throws Exception {
    register("alice");
    TestClient other = connect();
    other.expectKind("PROMPT");
    other.send("ALICE");
    other.expectStartsWith("ERROR nick-taken ");
    other.expectKind("PROMPT");
    other.send("bad nick!");
    other.expectStartsWith("ERROR nick-invalid ");
    other.expectKind("PROMPT");
    other.send("/nick alice2");
    other.expect("OK nick alice2");
  }

  @Test
  void overLongLineIsRejectedAndTheConnectionStaysUsable() throws Exception {
    TestClient alice = register("alice");
    TestClient bob = register("bob");
    alice.send("x".repeat(5000));
    alice.expectStartsWith("ERROR line-too-long ");
    alice.send("still here");
    List<String> bobSaw = bob.expect("MSG lobby alice still here");
    assertTrue(bobSaw.stream().noneMatch(line -> line.contains("xxxx")), bobSaw.toString());
  }

  @Test
  void invalidUtf8IsReplacedNotDropped() throws Exception {
    TestClient alice = register("alice");
    TestClient bob = register("bob");
    alice.sendBytes(new byte[] {'o', 'k', ' ', (byte) 0xff, (byte) 0xc3, ' ', 'e', 'n', 'd', '\n'});
    bob.expect("MSG lobby alice ok \uFFFD\uFFFD end");
  }

  @Test
  void multiByteCharactersSplitAcrossPacketsArriveWhole() throws Exception {
    TestClient alice = register("alice");
    TestClient bob = register("bob");
    byte[] line = "caf\u00e9 \uD83D\uDE00\n".getBytes(StandardCharsets.UTF_8);
    for (byte b : line) {
      alice.sendBytes(new byte[] {b});
    }
    bob.expect("MSG lobby alice caf\u00e9 \uD83D\uDE00");
  }

  @Test
  void escapeSequencesNeverReachOtherScreens() throws Exception {
    TestClient alice = register("alice");
    TestClient bob = register("bob");
    alice.send("\u001b[2J\u001b]0;pwned\u0007look \u001b[31mred\u001b[0m\u0008\u009b1m \u202Eevil");
    bob.expect("MSG lobby alice look red evil");
  }

  @Test
  void unknownCommandSaysWhatIsWrongAndPointsAtHelp() throws Exception {
    TestClient alice = register("alice");
    alice.send("/frobnicate now");
    List<String> skipped = alice.expectStartsWith("ERROR unknown-command ");
    alice.send("/help");
    alice.expect("SERVER Commands:");
    assertTrue(skipped.isEmpty(), skipped.toString());
  }

  @Test
  void abruptDisconnectMidLineLosesOnlyTheUnfinishedLine() throws Exception {
    TestClient alice = register("alice");
    TestClient bob = register("bob");
    alice.send("complete line");
    alice.expect("MSG lobby alice complete line");
    alice.sendBytes("half a li".getBytes(StandardCharsets.UTF_8));
    alice.reset();
    List<String> bobSaw = bob.expect("LEFT lobby alice connection lost");
    assertTrue(bobSaw.contains("MSG lobby alice complete line"), bobSaw.toString());
    assertTrue(bobSaw.stream().noneMatch(line -> line.contains("half a li")), bobSaw.toString());
    TestClient again = connect();
    again.expectKind("PROMPT");
    again.send("alice");
    again.expect("OK nick alice");
  }

  @Test
  void roomsAreSeparateAndJoinersGetTheHistory() throws Exception {
    TestClient alice = register("alice");
    TestClient bob = register("bob");
    alice.send("/join #Dev");
    alice.expect("JOINED Dev alice");
    alice.expect("WHO Dev @alice");
    alice.send("only in dev");
    alice.expect("MSG Dev alice only in dev");
    alice.send("/me ships it");
    alice.expect("ACTION Dev alice ships it");
    bob.send("/rooms");
    List<String> bobSaw = bob.expect("ROOMS Dev:1 lobby:2");
    assertTrue(bobSaw.stream().noneMatch(line -> line.contains("only in dev")), bobSaw.toString());
    bob.send("/join dev");
    bob.expectMatching(line -> line.matches("HISTORY \\S+Z MSG Dev alice only in dev"), "history");
    bob.expectMatching(line -> line.matches("HISTORY \\S+Z ACTION Dev alice ships it"), "history");
    bob.expect("JOINED Dev bob");
    bob.expect("WHO Dev @alice bob");
    alice.expect("JOINED Dev bob");
    bob.send("/part");
    bob.expect("LEFT Dev bob part");
    alice.expect("LEFT Dev bob part");
    bob.expect("OK current lobby");
  }

  @Test
  void nickChangeIsAnnouncedInEveryRoom() throws Exception {
    TestClient alice = register("alice");
    TestClient bob = register("bob");
    alice.send("/nick alicia");
    alice.expect("OK nick alicia");
    bob.expect("RENAMED lobby alice alicia");
    alice.send("hi");
    bob.expect("MSG lobby alicia hi");
  }

  @Test
  void quitIsAnnouncedWithItsReasonAndTheServerKeepsRunning() throws Exception {
    TestClient alice = register("alice");
    TestClient bob = register("bob");
    bob.send("/quit lunch");
    bob.expect("OK quit Bye bob");
    bob.expectClosed();
    alice.expect("LEFT lobby bob quit: lunch");
    alice.send("/quit");
    alice.expectClosed();
    TestClient carol = register("carol");
    carol.send("/who");
    carol.expect("WHO lobby @carol");
  }

  @Test
  void linesSentBeforeRegistrationCompletesAreHandledInOrder() throws Exception {
    TestClient bob = register("bob");
    TestClient alice = connect();
    alice.sendBytes("alice\nfirst\nsecond\n/nick alice2\nthird\n".getBytes(StandardCharsets.UTF_8));
    bob.expect("MSG lobby alice first");
    bob.expect("MSG lobby alice second");
    bob.expect("RENAMED lobby alice alice2");
    bob.expect("MSG lobby alice2 third");
  }

  @Test
  void shutdownTellsEveryClientAndClosesTheirConnections() throws Exception {
    TestClient alice = register("alice");
    TestClient bob = register("bob");
    long start = System.nanoTime();
    server.shutdown(java.time.Duration.ofSeconds(5));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    for (TestClient client : List.of(alice, bob)) {
      List<String> last = client.expectClosed();
      assertTrue(last.contains("SERVER The server is shutting down. Goodbye!"), last.toString());
    }
  }

  @Test
  void clientOfAnotherClientQuittingDoesNotSeeItsLaterLines() throws Exception {
    TestClient alice = register("alice");
    TestClient bob = register("bob");
    bob.sendBytes("/quit\nafter quit\n".getBytes(StandardCharsets.UTF_8));
    bob.expectClosed();
    List<String> aliceSaw = alice.expect("LEFT lobby bob quit");
    alice.send("marker");
    aliceSaw.addAll(alice.expect("MSG lobby alice marker"));
    assertFalse(aliceSaw.stream().anyMatch(line -> line.contains("after quit")), aliceSaw.toString());
  }

  @Test
  void clientThatStopsSendingStillReceivesEverythingQueuedForIt() throws Exception {
    TestClient bob = register("bob");
    TestClient alice = connect();
    alice.sendBytes("alice\nlast words\n/who\n".getBytes(StandardCharsets.UTF_8));
    alice.finishSending();
    List<String> received = alice.expectClosed();
    assertTrue(received.contains("MSG lobby alice last words"), received.toString());
    assertTrue(received.contains("WHO lobby @bob alice"), received.toString());
    bob.expect("LEFT lobby alice connection closed");
  }

  @Test
  void emptyRoomsDisappearSoThatNobodyCanUseUpTheRoomLimit() throws Exception {
    try (TestServer small = TestServer.start("lochat.max-rooms = 3")) {
      TestClient alice = small.register("alice");
      for (int i = 0; i < 10; i++) {
        alice.send("/join r" + i);
        alice.expect("JOINED r" + i + " alice");
        alice.send("/who");
        alice.expect("WHO r" + i + " @alice");
        alice.send("/who r" + i);
        alice.expect("WHO r" + i + " @alice");
        alice.send("/part");
        alice.expect("LEFT r" + i + " alice part");
      }
      // A room is removed just after its last member leaves; ask until the last one has gone.
      long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
      String rooms;
      do {
        alice.send("/rooms");
        do {
          rooms = alice.nextLine();
        } while (!rooms.startsWith("ROOMS"));
      } while (!rooms.equals("ROOMS lobby:1") && System.nanoTime() < deadline);
      assertEquals("ROOMS lobby:1", rooms);
      alice.close();
    }
  }

  @Test
  void oneUserCannotBeInMoreRoomsThanTheLimit() throws Exception {
    try (TestServer small = TestServer.start("lochat.max-rooms-per-user = 2")) {
      TestClient alice = small.register("alice");
      alice.send("/join dev");
      alice.expect("JOINED dev alice");
      alice.send("/join ops");
      alice.expectStartsWith("ERROR room-refused You are in 2 rooms");
      alice.close();
    }
  }

  @Test
  void connectionThatNeverChoosesANicknameIsClosed() throws Exception {
    try (TestServer impatient = TestServer.start("lochat.connection.registration-timeout = 1s")) {
      TestClient idle = impatient.connect();
      List<String> received = idle.expectClosed();
      assertTrue(received.contains(
          "ERROR registration-timeout No nickname chosen within 1 second; goodbye"),
          received.toString());
    }
  }

  @Test
  void connectionBeyondTheLimitIsToldTheServerIsFull() throws Exception {
    try (TestServer small = TestServer.start("lochat.max-connections = 2")) {
      TestClient alice = small.register("alice");
      TestClient bob = small.register("bob");
      TestClient third = small.connect();
      List<String> received = third.expectClosed();
      assertEquals(List.of("ERROR server-full The server has 2 connections, the most it takes;"
          + " try again later"), received);
      alice.close();
      bob.close();
    }
  }

  @Test
  void floodingClientIsSlowedDownNotCutOffAndLosesNothing() throws Exception {
    try (TestServer paced = TestServer.start(
        "lochat.connection.input-lines-per-second = 2\nlochat.connection.input-burst = 3")) {
      TestClient bob = paced.register("bob");
      TestClient alice = paced.register("alice");
      StringBuilder flood = new StringBuilder();
      for (int i = 0; i < 6; i++) {
        flood.append("flood ").append(i).append('\n');
      }
      alice.sendBytes(flood.toString().getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 3; i++) {
        bob.expect("MSG lobby alice flood " + i);
      }
      // The burst is spent: the next line is at least a second away (2 lines a second).
      assertTrue(bob.nothingWithin(java.time.Duration.ofMillis(300)));
      for (int i = 3; i < 6; i++) {
        bob.expect("MSG lobby alice flood " + i);
      }
      alice.send("/who");
      alice.expect("WHO lobby @bob alice");
      alice.close();
      bob.close();
    }
  }

  @Test
  void topicIsSharedWithTheRoomAndShownToJoiners() throws Exception {
    TestClient alice = register("alice");
    TestClient bob = register("bob");
    alice.send("/topic");
    alice.expect("NOTOPIC lobby");
    alice.send("/topic release on Friday");
    alice.expectMatching(line -> line.matches("TOPIC lobby alice \\S+Z release on Friday"), "topic");
    bob.expectMatching(line -> line.matches("TOPIC lobby alice \\S+Z release on Friday"), "topic");
    TestClient carol = connect();
    carol.expectKind("PROMPT");
    carol.send("carol");
    carol.expect("WHO lobby @alice bob carol");
    carol.expectMatching(line -> line.matches("TOPIC lobby alice \\S+Z release on Friday"), "topic");
    bob.send("/topic -");
    bob.expect("ERROR not-operator You are not a room operator (lobby)");
    alice.send("/topic -");
    bob.expect("NOTOPIC lobby alice");
  }
}
