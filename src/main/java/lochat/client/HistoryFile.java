package lochat.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The lines the user typed, kept across runs ({@code ~/.lochat/history} unless told), so that
 * the Up arrow reaches yesterday's commands. One line per entry, UTF-8, the most recent last;
 * at most {@link #KEPT} are loaded, and the file is cut back to them when it has grown past
 * that. A {@code /pass} line, or a password typed at the server's prompt, is never written.
 *
 * <p>Private messages typed are kept, so the directory and file are made readable by the user
 * only. History is a convenience: a file that cannot be read or written is left alone and the
 * client goes on without it. Clients running at once append to the same file; their lines
 * interleave.
 */
final class HistoryFile {

  static final int KEPT = 1000;

  private final Path path;
  private final int kept;

  HistoryFile(Path path, int kept) {
    this.path = path;
    this.kept = kept;
  }

  HistoryFile(Path path) {
    this(path, KEPT);
  }

  Path path() {
    return path;
  }

  /** Whether {@code line} belongs in the history: not blank, not a password, one line. */
  static boolean worthKeeping(String line) {
    String word = line.strip().toLowerCase(Locale.ROOT);
    return !word.isEmpty() && !word.equals("/pass") && !word.startsWith("/pass ")
        && !word.startsWith("/pass\t") && line.indexOf('\n') < 0 && line.indexOf('\r') < 0;
  }

  /** The last {@code kept} lines, oldest first; cuts the file back to them if it is longer. */
  List<String> load() {
    Deque<String> last = new ArrayDeque<>();
    int total = 0;
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        total++;
        if (worthKeeping(line)) {
          last.addLast(line);
          if (last.size() > kept) {
            last.removeFirst();
          }
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      return List.of();
    }
    List<String> lines = List.copyOf(last);
    if (total > lines.size()) {
      rewrite(lines);
    }
    return lines;
  }

  /** Adds {@code line} at the end, if it is {@link #worthKeeping}. */
  void append(String line) {
    if (!worthKeeping(line)) {
      return;
    }
    try {
      createPrivately();
      try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        out.write(line + "\n");
      }
    } catch (IOException | RuntimeException e) {
      // Kept in this run's memory only.
    }
  }

  private void rewrite(List<String> lines) {
    try {
      createPrivately();
      Path fresh = Files.createTempFile(path.toAbsolutePath().getParent(), ".history", ".tmp");
      Files.writeString(fresh, lines.isEmpty() ? "" : String.join("\n", lines) + "\n",
          StandardCharsets.UTF_8);
      Files.move(fresh, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // Left as it was; cut back on a later run.
    }
  }

  private void createPrivately() throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      if (posix) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
    }
    if (!Files.exists(path)) {
      Files.createFile(path);
      if (posix) {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
      }
    }
  }
}
