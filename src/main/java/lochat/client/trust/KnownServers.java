package lochat.client.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The servers whose certificates the client trusts because it met them first
 * ({@code ~/.lochat/known_servers}), as SSH keeps {@code known_hosts}: one line per server,
 * {@code host:port SHA-256-FINGERPRINT}, an IPv6 host in brackets ({@code [::1]:4443}), {@code #}
 * comments and blank lines allowed. A server is the host as the user typed it, lower-cased, and
 * the port: {@code localhost} and {@code 127.0.0.1} are two servers, as they are to SSH.
 *
 * <p>A line that cannot be read is ignored, with one warning naming it, and kept as it is when
 * the file is rewritten. Recording a server re-reads the file and replaces it whole (a temporary
 * file moved over it), so a reader never sees half a file; two clients recording at the same
 * instant may lose one of the two records, never the rest of the file.
 */
public final class KnownServers {

  private static final Pattern FINGERPRINT = Pattern.compile("\\p{XDigit}{2}(:\\p{XDigit}{2}){31}");

  private final Path file;
  private final Map<String, String> fingerprints;

  private KnownServers(Path file, Map<String, String> fingerprints) {
    this.file = file;
    this.fingerprints = fingerprints;
  }

  /** What one line of the file says. */
  sealed interface Line {}

  /** A known server: who, and the fingerprint of the certificate it had. */
  record Entry(String server, String fingerprint) implements Line {}

  /** A comment or a blank line. */
  record Remark() implements Line {}

  /** A line that is not understood. */
  record Unreadable() implements Line {}

  /**
   * Reads {@code file}; a missing file knows no server. Each line that cannot be read gets one
   * warning.
   *
   * @throws IOException when the file exists but cannot be read
   */
  public static KnownServers load(Path file, Consumer<String> warnings) throws IOException {
    List<String> lines = read(file);
    Map<String, String> known = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Line line = parseLine(lines.get(i));
      if (line instanceof Entry entry) {
        known.putIfAbsent(entry.server(), entry.fingerprint());
      } else if (line instanceof Unreadable) {
        warnings.accept("Ignoring line " + (i + 1) + " of " + file
            + ": not \"host:port SHA-256-fingerprint\"");
      }
    }
    return new KnownServers(file, known);
  }

  /** The file read. */
  public Path file() {
    return file;
  }

  /** The fingerprint kept for {@code server} (see {@link #server}). */
  public synchronized Optional<String> fingerprint(String server) {
    return Optional.ofNullable(fingerprints.get(server));
  }

  /**
   * Keeps {@code fingerprint} for {@code server}, in place of the one it had, and leaves every
   * other line as it is; makes the directory if needed.
   */
  public synchronized void remember(String server, String fingerprint) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path directory = absolute.getParent();
    Files.createDirectories(directory);
    List<String> lines = withServer(read(absolute), server, fingerprint);
    Path temporary = Files.createTempFile(directory, ".known_servers", ".tmp");
    try {
      Files.write(temporary, lines, StandardCharsets.UTF_8);
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
    fingerprints.put(server, fingerprint);
  }

  /** The name a server is known by: the host as typed, lower-cased, and the port. */
  public static String server(String host, int port) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    return (name.contains(":") ? "[" + name + "]" : name) + ":" + port;
  }

  /** What one line of the file says. */
  static Line parseLine(String line) {
    String text = line.strip();
    if (text.isEmpty() || text.startsWith("#")) {
      return new Remark();
    }
    String[] words = text.split("\\s+");
    if (words.length != 2 || !FINGERPRINT.matcher(words[1]).matches()) {
      return new Unreadable();
    }
    return parseServer(words[0])
        .<Line>map(server -> new Entry(server, words[1].toUpperCase(Locale.ROOT)))
        .orElseGet(Unreadable::new);
  }

  /** {@code lines} with {@code server}'s line replaced by one for {@code fingerprint}, or added. */
  static List<String> withServer(List<String> lines, String server, String fingerprint) {
    String line = server + " " + fingerprint;
    List<String> result = new ArrayList<>(lines.size() + 1);
    boolean replaced = false;
    for (String old : lines) {
      boolean same = parseLine(old) instanceof Entry entry && entry.server().equals(server);
      if (!same) {
        result.add(old);
      } else if (!replaced) {
        result.add(line);
        replaced = true;
      }
    }
    if (!replaced) {
      result.add(line);
    }
    return result;
  }

  private static Optional<String> parseServer(String word) {
    String host;
    String port;
    if (word.startsWith("[")) {
      int close = word.indexOf("]:");
      if (close < 2) {
        return Optional.empty();
      }
      host = word.substring(1, close);
      port = word.substring(close + 2);
    } else {
      int colon = word.lastIndexOf(':');
      if (colon < 1 || word.indexOf(':') != colon) {
        return Optional.empty();
      }
      host = word.substring(0, colon);
      port = word.substring(colon + 1);
    }
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1
        || Integer.parseInt(port) > 65535 || host.contains("[") || host.contains("]")) {
      return Optional.empty();
    }
    return Optional.of(server(host, Integer.parseInt(port)));
  }

  private static List<String> read(Path file) throws IOException {
    try {
      // Bytes that are not UTF-8 make their line unreadable, not the file.
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    } catch (NoSuchFileException absent) {
      return List.of();
    }
  }
}
