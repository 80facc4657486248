package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lochat.store.HistoryEntry;
import lochat.store.HistoryStore;
import lochat.store.SqliteHistoryStore;
import lochat.testing.LochatProcess;
import lochat.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lochat server} and its data directory, run as people run it: {@code --data-dir}, a
 * store that cannot be opened (one line, status 1), and SIGTERM storing every post accepted.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HistoryStoreProgramTest {

  private static final Pattern LISTENING =
      Pattern.compile(".*Lochat .* listening on 127\\.0\\.0\\.1:(\\d+)");

  @TempDir
  Path temp;

  private static LochatProcess server(Path dataDir, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("server", "--host", "127.0.0.1",
        "--port", "0", "--irc-port", "0", "--data-dir", dataDir.toString()));
    args.addAll(List.of(more));
    return LochatProcess.start(LochatProcess.command(List.of(), args.toArray(String[]::new)));
  }

  /** The server exits with 1 having said {@code line} on stderr, and nothing else anywhere. */
  private static void refusesToStart(LochatProcess server, String line) throws Exception {
    server.stdin("");
    assertEquals(1, server.exitCode());
    assertEquals(List.of(line), server.stderr());
    assertEquals(List.of(), server.stdout());
  }

  @Test
  void theDataDirOptionHoldsTheDatabaseAndASecondServerOnItSaysItIsInUse() throws Exception {
    Path dataDir = temp.resolve("data");
    LochatProcess first = server(dataDir);
    try {
      first.awaitStderr(LISTENING);
      first.awaitStderr(Pattern.compile(
          ".*History is stored in " + Pattern.quote(dataDir.resolve("lochat.db").toString())));

      refusesToStart(server(dataDir), "Cannot open the history store "
          + dataDir.resolve("lochat.db") + ": it is in use by another Lochat server");
    } finally {
      first.process().destroy();
      assertEquals(0, first.exitCode());
    }
  }

  @Test
  void aDataDirThatIsNotWritableIsOneLineAndStatusOne() throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")),
        "root may write anywhere, so nothing is refused");
    Path readOnly = Files.createDirectory(temp.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-x------"));

    refusesToStart(server(readOnly), "Cannot open the history store "
        + readOnly.resolve("lochat.db") + ": the directory " + readOnly + " is not writable");
  }

  @Test
  void aDataDirThatCannotBeCreatedIsOneLineAndStatusOne() throws Exception {
    Path file = Files.writeString(temp.resolve("a-file"), "");
    Path dataDir = file.resolve("data");

    LochatProcess server = server(dataDir);
    server.stdin("");
    assertEquals(1, server.exitCode());
    List<String> err = server.stderr();
    assertEquals(1, err.size(), err.toString());
    assertTrue(err.get(0).startsWith("Cannot open the history store "
        + dataDir.resolve("lochat.db") + ": cannot create the directory " + dataDir + ": "),
        err.toString());
    assertEquals(List.of(), server.stdout());
  }

  @Test
  void aDamagedDatabaseIsOneLineAndStatusOne() throws Exception {
    Path dataDir = Files.createDirectory(temp.resolve("data"));
    Files.writeString(dataDir.resolve("lochat.db"), "not a database\n".repeat(400));

    refusesToStart(server(dataDir), "Cannot open the history store "
        + dataDir.resolve("lochat.db") + ": it is damaged, or not a Lochat history database");
  }

  @Test
  void sigtermStoresEveryPostAcceptedBeforeTheServerExits() throws Exception {
    Path dataDir = temp.resolve("data");
    // Only the shutdown writes: the timer would not before an hour has passed.
    LochatProcess server = server(dataDir, "-Dlochat.history.sync-interval=1h");
    Matcher listening = server.awaitStderr(LISTENING);
    try (TestClient ann = TestClient.connect(Integer.parseInt(listening.group(1)))) {
      ann.expectKind("PROMPT");
      ann.send("ann");
      ann.expect("OK nick ann");
      for (int i = 1; i <= 3; i++) {
        ann.send("post " + i);
        ann.expect("MSG lobby ann post " + i);
      }
      server.process().destroy();
      ann.expectClosed();
    }
    assertEquals(0, server.exitCode());
    assertFalse(server.stderr().stream().anyMatch(line -> line.contains("not stored")),
        server.stderr().toString());
    try (HistoryStore store = SqliteHistoryStore.open(dataDir, Clock.systemUTC())) {
      assertEquals(List.of("post 1", "post 2", "post 3"),
          store.latest("lobby", 10).stream().map(HistoryEntry::text).toList());
    }
  }

  @Test
  void aRestartedServerGivesARoomBackItsHistoryTopicModesAndBans() throws Exception {
    Path dataDir = temp.resolve("data");
    LochatProcess first = server(dataDir);
    try (TestClient ann = registered(port(first), "ann")) {
      ann.send("/join dev");
      ann.expect("WHO dev @ann");
      ann.send("/topic Release on Friday");
      ann.expectStartsWith("TOPIC dev ann ");
      ann.send("/mode +m");
      ann.expect("MODE dev ann +m");
      ann.send("/ban bob");
      ann.expect("MODE dev ann +b bob!*@*");
      ann.send("said before the restart");
      ann.expect("MSG dev ann said before the restart");
      first.process().destroy();
      ann.expectClosed();
    }
    assertEquals(0, first.exitCode());

    LochatProcess second = server(dataDir);
    int port = port(second);
    try (TestClient cat = registered(port, "cat"); TestClient bob = registered(port, "bob")) {
      cat.send("/join dev");
      List<String> joining = cat.expect("MODES dev +mnt");
      assertTrue(joining.stream().anyMatch(line -> line.startsWith("HISTORY ")
          && line.endsWith(" MSG dev ann said before the restart")), joining.toString());
      assertTrue(joining.stream().anyMatch(line -> line.startsWith("TOPIC dev ann ")
          && line.endsWith(" Release on Friday")), joining.toString());
      assertTrue(joining.contains("WHO dev @cat"), "joining the room empty: its operator");

      bob.send("/join dev");
      bob.expect("ERROR banned Cannot join: you are banned (dev)");
    } finally {
      second.process().destroy();
      assertEquals(0, second.exitCode());
    }
  }

  private static int port(LochatProcess server) throws InterruptedException {
    return Integer.parseInt(server.awaitStderr(LISTENING).group(1));
  }

  private static TestClient registered(int port, String nick) throws Exception {
    TestClient client = TestClient.connect(port);
    client.expectKind("PROMPT");
    client.send(nick);
    client.expect("OK nick " + nick);
    return client;
  }
}
