package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lochat.protocol.irc.IrcMessage;
import lochat.testing.IrcTestClient;
import lochat.testing.TestClient;
import lochat.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * One machine must not lock everyone else out: connections per address (across both
 * listeners), connections without a nickname per address, idle connections when the server is
 * nearly full, and rooms created per user and per address are all bounded. The server sees
 * other machines as other loopback addresses (127.0.0.2, 127.0.0.3, ...).
 */
class AddressLimitsTest {

  private static final String ATTACKER = "127.0.0.3";
  private static final String NEIGHBOUR = "127.0.0.2";

  @Test
  void idleConnectionsFromOneAddressDoNotKeepOthersOut() throws Exception {
    try (TestServer server = TestServer.start()) {
      List<TestClient> idle = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        TestClient client = TestClient.connectFrom(ATTACKER, server.port);
        client.expectKind("PROMPT");
        idle.add(client);
      }
      try (TestClient sixth = TestClient.connectFrom(ATTACKER, server.port);
          IrcTestClient viaIrc = IrcTestClient.connectFrom(ATTACKER, server.ircPort());
          TestClient ann = TestClient.connectFrom(NEIGHBOUR, server.port)) {
        assertEquals(List.of("ERROR too-many-connections Too many connections from your address"
            + " without a nickname (5, the most one address may have); choose a nickname on"
            + " those first"), sixth.expectClosed());
        IrcMessage error = viaIrc.expect("ERROR");
        assertTrue(error.params().get(0).startsWith("Too many connections from your address"),
            error.toString());
        viaIrc.expectClosed();

        ann.expectKind("PROMPT");
        ann.send("ann");
        ann.expect("OK nick ann");

        idle.get(0).send("idler");
        idle.get(0).expect("OK nick idler");
        try (TestClient again = TestClient.connectFrom(ATTACKER, server.port)) {
          again.expectKind("PROMPT");
        }
      } finally {
        for (TestClient client : idle) {
          client.close();
        }
      }
    }
  }

  @Test
  void oneAddressHoldsAtMostItsConnectionsOverBothListeners() throws Exception {
    try (TestServer server = TestServer.start("lochat.per-address.max-connections = 3")) {
      try (TestClient a = server.register("a");
          TestClient b = server.register("b");
          IrcTestClient c = IrcTestClient.connect(server.ircPort())) {
        c.register("c");
        TestClient fourth = server.connect();
        TestClient neighbour = TestClient.connectFrom(NEIGHBOUR, server.port);
        assertEquals(List.of("ERROR too-many-connections Too many connections from your address"
            + " (3, the most one address may have); close one and try again"),
            fourth.expectClosed());
        neighbour.expectKind("PROMPT");
        neighbour.close();
        fourth.close();
      }
    }
  }

  @Test
  void whenNearlyFullConnectionsWithoutANicknameAreClosedSooner() throws Exception {
    try (TestServer server = TestServer.start("lochat.max-connections = 8\n"
        + "lochat.connection.registration-timeout-under-pressure = 1ms\n"
        + "lochat.per-address.max-unregistered = 0")) {
      try (TestClient ann = server.register("ann")) {
        List<TestClient> idle = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          TestClient client = TestClient.connectFrom(ATTACKER, server.port);
          client.expectKind("PROMPT");
          idle.add(client);
        }
        // They must have gone without a nickname for longer than the 1 ms under pressure; on a
        // fast machine the next connection can come sooner than that after the last one.
        long youngest = System.nanoTime();
        while (System.nanoTime() - youngest < TimeUnit.MILLISECONDS.toNanos(2)) {
          Thread.onSpinWait();
        }
        // Six of eight are open: the next connection finds the listener nearly full.
        try (TestClient bob = TestClient.connectFrom(NEIGHBOUR, server.port)) {
          for (TestClient client : idle) {
            assertEquals(List.of("ERROR registration-timeout No nickname chosen within 1 ms;"
                + " goodbye"), client.expectClosed());
          }
          bob.expectKind("PROMPT");
          bob.send("bob");
          bob.expect("OK nick bob");
        } finally {
          for (TestClient client : idle) {
            client.close();
          }
        }
      }
    }
  }

  @Test
  void roomsCreatedAreLimitedPerUserAndPerAddress() throws Exception {
    try (TestServer server = TestServer.start("lochat.max-rooms-created-per-user = 2\n"
        + "lochat.per-address.max-rooms-created = 3")) {
      try (TestClient ann = server.register("ann");
          TestClient bob = server.register("bob");
          TestClient cat = TestClient.connectFrom(NEIGHBOUR, server.port)) {
        ann.send("/join a1");
        ann.expect("JOINED a1 ann");
        ann.send("/join a2");
        ann.expect("JOINED a2 ann");
        ann.send("/join a3");
        ann.expect("ERROR room-refused Cannot join a3: You have created 2 rooms that still"
            + " exist, the most one user may; join an existing room (/rooms lists them)");

        bob.send("/join b1");
        bob.expect("JOINED b1 bob");
        bob.send("/join b2");
        bob.expect("ERROR room-refused Cannot join b2: Your address has created 3 rooms that"
            + " still exist, the most one address may; join an existing room (/rooms lists"
            + " them)");
        bob.send("/join a1");
        bob.expect("JOINED a1 bob");

        cat.expectKind("PROMPT");
        cat.send("cat");
        cat.expect("OK nick cat");
        cat.send("/join c1");
        cat.expect("JOINED c1 cat");

        ann.send("/part a2");
        ann.expect("LEFT a2 ann part");
        awaitRoomGone(ann, "a2");
        ann.send("/join a3");
        ann.expect("JOINED a3 ann");
      }
    }
  }

  @Test
  void passwordGuessesFromOneAddressAreSlowedAndTheCountOnlineIsNotShown() throws Exception {
    try (TestServer server = TestServer.start("lochat.password = s3cret\n"
        + "lochat.password-failures.free = 1\n"
        + "lochat.password-failures.first-delay = 15s")) {
      for (String guess : List.of("guess1", "guess2")) {
        try (TestClient guesser = TestClient.connectFrom(ATTACKER, server.port)) {
          guesser.expect("SERVER Welcome to lochat (Lochat " + lochat.Version.CURRENT + ").");
          guesser.send("/pass " + guess);
          assertEquals(List.of("PROMPT This server needs a password (/pass PASSWORD):",
              "ERROR password-wrong Wrong password; goodbye"), guesser.expectClosed());
        }
      }
      // Two failures: the next check from that address waits 15 s, right or wrong, on
      // either listener; other addresses are answered at once.
      try (TestClient guesser = TestClient.connectFrom(ATTACKER, server.port);
          IrcTestClient ircGuesser = IrcTestClient.connectFrom(ATTACKER, server.ircPort());
          TestClient neighbour = TestClient.connectFrom(NEIGHBOUR, server.port)) {
        guesser.expectKind("PROMPT");
        guesser.send("/pass s3cret");
        ircGuesser.send("PASS s3cret");
        ircGuesser.send("NICK mallory");
        ircGuesser.send("USER mallory 0 * :Mallory");
        neighbour.expectKind("PROMPT");
        neighbour.send("/pass s3cret");
        neighbour.expect("OK pass Password accepted");
        neighbour.send("ann");
        neighbour.expect("OK nick ann");

        assertTrue(guesser.nothingWithin(Duration.ofSeconds(1)), "the guesser waits");
        assertTrue(ircGuesser.nothingWithin(Duration.ofMillis(200)), "on IRC too");
      }
    }
  }

  @Test
  void aGuesserWhoDoesNotWaitGetsItsExtraGuessesRefusedUnchecked() throws Exception {
    try (TestServer server = TestServer.start("lochat.password = s3cret\n"
        + "lochat.password-failures.free = 0\n"
        + "lochat.password-failures.first-delay = 10s\n"
        + "lochat.password-failures.max-delay = 10s")) {
      try (TestClient first = TestClient.connectFrom(ATTACKER, server.port);
          TestClient second = TestClient.connectFrom(ATTACKER, server.port);
          TestClient third = TestClient.connectFrom(ATTACKER, server.port)) {
        first.expectKind("PROMPT");
        first.send("/pass guess1");
        first.expect("ERROR password-wrong Wrong password; goodbye");
        second.expectKind("PROMPT");
        third.expectKind("PROMPT");
        second.send("/pass guess2");
        third.send("/pass guess3");

        // Whichever of the two is checked first waits 10 s; the other is not checked at all.
        TestClient refused = null;
        for (int i = 0; i < 100 && refused == null; i++) {
          refused = !second.nothingWithin(Duration.ofMillis(50)) ? second
              : !third.nothingWithin(Duration.ofMillis(50)) ? third : null;
        }
        assertNotNull(refused, "one of the two guesses is refused at once");
        assertEquals(List.of("ERROR too-many-guesses Too many wrong passwords from your address;"
            + " try again later; goodbye"), refused.expectClosed());
        TestClient waiting = refused == second ? third : second;
        assertTrue(waiting.nothingWithin(Duration.ofMillis(500)), "the other guess waits 10 s");
      }
    }
  }

  /** Asks for the room list until {@code room} is no longer in it: it has been removed. */
  private static void awaitRoomGone(TestClient client, String room) throws Exception {
    for (int attempt = 0; attempt < 100; attempt++) {
      client.send("/rooms");
      String rooms = client.nextLine();
      while (!rooms.startsWith("ROOMS")) {
        rooms = client.nextLine();
      }
      if (!(" " + rooms + " ").contains(" " + room + ":")) {
        return;
      }
    }
    throw new AssertionError(room + " was never removed");
  }
}
