package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lochat.operators.PasswordHash;
import lochat.testing.IrcTestClient;
import lochat.testing.LochatProcess;
import lochat.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lochat hash-password} run as people run it, with the password piped in, and what the
 * server makes of {@code lochat.operators} values at start.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HashPasswordProgramTest {

  @Test
  void aPipedPasswordBecomesAHashThatSignsAnOperatorIn() throws Exception {
    LochatProcess hashing = LochatProcess.start(LochatProcess.command(List.of(), "hash-password"));
    hashing.stdin("open sesame\n");
    assertEquals(0, hashing.exitCode());
    List<String> out = hashing.stdout();
    assertEquals(1, out.size(), out.toString());
    String hash = out.get(0);
    assertTrue(hash.startsWith("pbkdf2-sha256$210000$"), hash);
    assertTrue(PasswordHash.matches("open sesame".toCharArray(), hash));

    try (TestServer server = TestServer.start("lochat.operators { ann = \"" + hash + "\" }");
        IrcTestClient client = IrcTestClient.connect(server.ircPort())) {
      client.register("annie");
      client.send("OPER ann :open sesame");
      client.expectNext("381");
    }
  }

  @Test
  void anEmptyPasswordIsRefusedWithExitStatusTwo() throws Exception {
    LochatProcess hashing = LochatProcess.start(LochatProcess.command(List.of(), "hash-password"));
    hashing.stdin("\n");
    assertEquals(2, hashing.exitCode());
    assertEquals(List.of(), hashing.stdout());
    assertEquals(List.of("No password given: type a password (one line) to hash"),
        hashing.stderr());
  }

  @Test
  void aPlainTextOperatorPasswordStopsTheServerInOneLine(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("lochat.conf");
    Files.writeString(config, "lochat.operators { ann = \"hunter2\" }\n");
    LochatProcess server = LochatProcess.start(LochatProcess.command(List.of(), "server",
        "--host", "127.0.0.1", "--port", "0", "--irc-port", "0", "--config", config.toString()));
    server.stdin("");
    assertEquals(2, server.exitCode());
    List<String> err = server.stderr();
    assertEquals(1, err.size(), err.toString());
    assertTrue(err.get(0).startsWith("Invalid configuration: " + config + ": 1: "), err.get(0));
    assertTrue(err.get(0).endsWith("'lochat.operators.ann': must be a password hash made by"
        + " 'lochat hash-password' (pbkdf2-sha256$...), never the password itself"), err.get(0));
    assertTrue(err.stream().noneMatch(line -> line.contains("hunter2")), err.toString());
  }
}
