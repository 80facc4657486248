package lochat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFileTest {

  @TempDir Path dir;

  @Test
  void linesAppendedAreLoadedOnTheNextRunInOrder() {
    HistoryFile file = new HistoryFile(dir.resolve("sub/history"));
    file.append("hello");
    file.append("/join games");
    assertEquals(List.of("hello", "/join games"), new HistoryFile(file.path()).load());
  }

  @Test
  void aMissingFileIsAnEmptyHistory() {
    assertEquals(List.of(), new HistoryFile(dir.resolve("none")).load());
  }

  @Test
  void onlyTheLastLinesAreKeptAndTheFileIsCutBackToThem() throws IOException {
    HistoryFile file = new HistoryFile(dir.resolve("history"), 3);
    for (int i = 1; i <= 5; i++) {
      file.append("line " + i);
    }
    assertEquals(List.of("line 3", "line 4", "line 5"), file.load());
    assertEquals(List.of("line 3", "line 4", "line 5"),
        Files.readAllLines(file.path(), StandardCharsets.UTF_8));
  }

  @Test
  void aThousandLinesAreKeptByDefault() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      lines.add("line " + i);
    }
    Path path = dir.resolve("history");
    Files.write(path, lines, StandardCharsets.UTF_8);
    List<String> loaded = new HistoryFile(path).load();
    assertEquals(HistoryFile.KEPT, loaded.size());
    assertEquals("line 500", loaded.get(0));
    assertEquals("line 1499", loaded.get(loaded.size() - 1));
  }

  @Test
  void passwordsAndBlankLinesAreNeverWritten() throws IOException {
    HistoryFile file = new HistoryFile(dir.resolve("history"));
    file.append("/pass s3cret");
    file.append("/PASS s3cret");
    file.append("  /pass\ts3cret");
    file.append("   ");
    file.append("kept");
    assertEquals(List.of("kept"), Files.readAllLines(file.path(), StandardCharsets.UTF_8));
  }

  @Test
  void passwordLinesInAnOldFileAreNotLoaded() throws IOException {
    Path path = dir.resolve("history");
    Files.writeString(path, "one\n/pass s3cret\ntwo\n", StandardCharsets.UTF_8);
    assertEquals(List.of("one", "two"), new HistoryFile(path).load());
    assertFalse(Files.readString(path).contains("s3cret"));
  }

  @Test
  void worthKeeping() {
    assertTrue(HistoryFile.worthKeeping("/password is a word"));
    assertTrue(HistoryFile.worthKeeping("hello"));
    assertFalse(HistoryFile.worthKeeping("/pass"));
    assertFalse(HistoryFile.worthKeeping("a\nb"));
    assertFalse(HistoryFile.worthKeeping(""));
  }

  @Test
  void theFileAndANewDirectoryAreReadableByTheUserOnly() throws IOException {
    HistoryFile file = new HistoryFile(dir.resolve("private/history"));
    file.append("psst");
    assertEquals(PosixFilePermissions.fromString("rw-------"),
        Files.getPosixFilePermissions(file.path()));
    assertEquals(PosixFilePermissions.fromString("rwx------"),
        Files.getPosixFilePermissions(file.path().getParent()));
  }

  @Test
  void aFileThatCannotBeWrittenIsLeftAloneWithoutFailing() throws IOException {
    Path blocker = dir.resolve("blocker");
    Files.writeString(blocker, "a file where a directory should be");
    HistoryFile file = new HistoryFile(blocker.resolve("history"));
    file.append("hello");
    assertEquals(List.of(), file.load());
  }
}
