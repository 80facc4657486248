package lochat.client.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import lochat.testing.TlsFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownServersTest {

  private static final String A = TlsFixtures.FIRST;
  private static final String B = TlsFixtures.SECOND;

  @TempDir Path dir;
  private final List<String> warnings = new ArrayList<>();

  @Test
  void aServerIsTheHostAsTypedLowerCasedWithItsPortAndIpv6InBrackets() {
    assertEquals("chat.example:4443", KnownServers.server("Chat.Example", 4443));
    assertEquals("127.0.0.1:4443", KnownServers.server("127.0.0.1", 4443));
    assertEquals("[::1]:4443", KnownServers.server("::1", 4443));
    assertEquals("[fe80::1]:4443", KnownServers.server("[FE80::1]", 4443));
  }

  @Test
  void serversAreFoundByHostAndPortAndCommentsAndBlankLinesAreSkipped() throws IOException {
    Path file = write("# my servers", "", "127.0.0.1:4443 " + A, "  [::1]:4443   " + B + "  ",
        "Chat.Example:4443 " + A.toLowerCase());
    KnownServers known = KnownServers.load(file, warnings::add);
    assertEquals(Optional.of(A), known.fingerprint("127.0.0.1:4443"));
    assertEquals(Optional.of(B), known.fingerprint(KnownServers.server("::1", 4443)));
    assertEquals(Optional.of(A), known.fingerprint(KnownServers.server("CHAT.example", 4443)));
    assertEquals(Optional.empty(), known.fingerprint("127.0.0.1:4444"));
    assertEquals(Optional.empty(), known.fingerprint("localhost:4443"));
    assertEquals(List.of(), warnings);
  }

  @Test
  void eachBadLineIsIgnoredWithOneWarningNamingIt() throws IOException {
    Path file = write(
        "127.0.0.1:4443 " + A,
        "127.0.0.1 " + A,
        "127.0.0.1:4443",
        "127.0.0.1:99999 " + A,
        "127.0.0.1:4443 " + A + " extra",
        "127.0.0.1:4443 AB:CD",
        "::1:4443 " + A,
        "[::1]4443 " + A,
        "localhost:4443 " + B);
    KnownServers known = KnownServers.load(file, warnings::add);
    assertEquals(List.of(2, 3, 4, 5, 6, 7, 8), warnings.stream()
        .map(warning -> Integer.parseInt(warning.replaceAll("Ignoring line (\\d+) of .*", "$1")))
        .toList());
    assertEquals("Ignoring line 2 of " + file + ": not \"host:port SHA-256-fingerprint\"",
        warnings.get(0));
    assertEquals(Optional.of(A), known.fingerprint("127.0.0.1:4443"));
    assertEquals(Optional.of(B), known.fingerprint("localhost:4443"));
  }

  @Test
  void bytesThatAreNotUtf8SpoilTheirLineOnly() throws IOException {
    Path file = dir.resolve("known_servers");
    Files.write(file, ("localhost:1 \u00ff\u00fe\nlocalhost:4443 " + A + "\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    KnownServers known = KnownServers.load(file, warnings::add);
    assertEquals(1, warnings.size(), warnings.toString());
    assertEquals(Optional.of(A), known.fingerprint("localhost:4443"));
  }

  @Test
  void aMissingFileKnowsNoServerAndRememberingMakesItsDirectory() throws IOException {
    Path file = dir.resolve("home/.lochat/known_servers");
    KnownServers known = KnownServers.load(file, warnings::add);
    assertEquals(Optional.empty(), known.fingerprint("127.0.0.1:4443"));
    known.remember("127.0.0.1:4443", A);
    assertEquals(List.of("127.0.0.1:4443 " + A), Files.readAllLines(file));
    assertEquals(Optional.of(A), known.fingerprint("127.0.0.1:4443"));
    assertEquals(Optional.of(A),
        KnownServers.load(file, warnings::add).fingerprint("127.0.0.1:4443"));
    assertEquals(List.of(), warnings);
  }

  @Test
  void rememberingReplacesTheServersLineInPlaceAndKeepsEveryOtherLine() throws IOException {
    Path file = write("# mine", "127.0.0.1:4443 " + A, "not a server line", "",
        "localhost:4443 " + A, "127.0.0.1:4443 " + A);
    KnownServers known = KnownServers.load(file, warnings::add);
    known.remember("127.0.0.1:4443", B);
    assertEquals(List.of("# mine", "127.0.0.1:4443 " + B, "not a server line", "",
        "localhost:4443 " + A), Files.readAllLines(file));
    assertEquals(Optional.of(B), known.fingerprint("127.0.0.1:4443"));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(file), left.toList(), "no temporary file is left");
    }
  }

  @Test
  void rememberingKeepsWhatAnotherClientAddedMeanwhile() throws IOException {
    Path file = write("127.0.0.1:4443 " + A);
    KnownServers known = KnownServers.load(file, warnings::add);
    Files.writeString(file, "localhost:4443 " + B + "\n", StandardOpenOption.APPEND);
    known.remember("[::1]:4443", A);
    assertEquals(List.of("127.0.0.1:4443 " + A, "localhost:4443 " + B, "[::1]:4443 " + A),
        Files.readAllLines(file));
  }

  @Test
  void aFileThatCannotBeReadIsAnErrorNotAnEmptyList() throws IOException {
    Path notAFile = Files.createDirectories(dir.resolve("known_servers"));
    IOException e = assertThrows(IOException.class,
        () -> KnownServers.load(notAFile, warnings::add));
    assertFalse(lochat.Failures.ofFile(e).isBlank());
    assertTrue(warnings.isEmpty());
  }

  private Path write(String... lines) throws IOException {
    Path file = dir.resolve("known_servers");
    Files.write(file, List.of(lines));
    return file;
  }
}
