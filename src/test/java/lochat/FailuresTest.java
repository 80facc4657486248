package lochat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  @Test
  void theInnermostMessageIsWhatPeopleRead() {
    assertEquals("connection refused", Failures.inSentence(
        new RuntimeException("wrapper", new ConnectException("Connection refused"))));
  }

  @Test
  void aBracketedAddressPrefixIsLeftOut() {
    assertEquals("address already in use", Failures.inSentence(
        new IOException("[/127.0.0.1:4444] Address already in use")));
  }

  @Test
  void aNameThatDoesNotResolveIsAnUnknownHostWhateverTheExceptionSays() {
    assertEquals("unknown host", Failures.inSentence(
        new IOException("Tcp command failed", new UnknownHostException("nosuchhost.invalid"))));
    assertEquals("unknown host", Failures.inSentence(
        new RuntimeException(new UnresolvedAddressException())));
    assertEquals("Unknown host", Failures.describe(new UnknownHostException("x.invalid")));
  }

  @Test
  void anExceptionWithoutAMessageIsNamedByItsKind() {
    assertEquals("IllegalStateException", Failures.describe(new IllegalStateException()));
  }

  @Test
  void aFileProblemIsSaidInAFewWords() {
    assertEquals("permission denied",
        Failures.ofFile(new java.nio.file.AccessDeniedException("/etc/x")));
    assertEquals("no such file", Failures.ofFile(new java.nio.file.NoSuchFileException("/x")));
    assertEquals("a file of that name is in the way",
        Failures.ofFile(new java.nio.file.FileAlreadyExistsException("/x")));
    assertEquals("read-only file system", Failures.ofFile(
        new java.nio.file.FileSystemException("/x", null, "Read-only file system")));
    assertEquals("disk full", Failures.ofFile(new java.io.IOException("Disk full\nat sector 7")));
  }
}
