package lochat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the generator can read about the server process, given its pid: CPU time and resident
 * memory from Linux's {@code /proc}, and for a JVM, the heap in use after a full collection
 * (through {@code jcmd}, from the generator's own JDK).
 *
 * <p>Without a pid, or on a system without {@code /proc}, every figure is empty. The heap figure
 * is empty for a server that is not a JVM, or one {@code jcmd} cannot attach to (another user's).
 */
final class ServerProbe {

  /** Linux's clock ticks per second for {@code /proc/PID/stat}: 100 on every common kernel. */
  private static final double TICKS_PER_SECOND = 100.0;
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  private final long pid;

  private ServerProbe(long pid) {
    this.pid = pid;
  }

  /** A probe of process {@code pid}, or of nothing when {@code pid} is 0 or less. */
  static ServerProbe of(long pid) {
    return new ServerProbe(pid);
  }

  /** User plus system CPU seconds the server has used so far. */
  OptionalDouble cpuSeconds() {
    if (pid <= 0) {
      return OptionalDouble.empty();
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may hold spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return OptionalDouble.of(ticks / TICKS_PER_SECOND);
    } catch (IOException | RuntimeException e) {
      return OptionalDouble.empty();
    }
  }

  /** The server's resident memory in KiB. */
  OptionalLong rssKb() {
    if (pid <= 0) {
      return OptionalLong.empty();
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  /**
   * The JVM server's heap in use after a full collection, in KiB; empty for a server that is
   * not a JVM, which is never sent {@code jcmd}'s signal (SIGQUIT stops ngircd).
   */
  OptionalLong heapAfterGcKb() {
    if (!isJvm() || jcmd("GC.run").isEmpty()) {
      return OptionalLong.empty();
    }
    String info = jcmd("GC.heap_info").orElse("");
    Matcher used = HEAP_USED.matcher(info);
    return used.find() ? OptionalLong.of(Long.parseLong(used.group(1))) : OptionalLong.empty();
  }

  private boolean isJvm() {
    return pid > 0 && ProcessHandle.of(pid).flatMap(process -> process.info().command())
        .map(command -> Path.of(command).getFileName().toString().equals("java"))
        .orElse(false);
  }

  private Optional<String> jcmd(String command) {
    Path javaCommand = Path.of(ProcessHandle.current().info().command().orElse("java"));
    Path jcmd = javaCommand.resolveSibling("jcmd");
    if (!Files.isExecutable(jcmd)) {
      return Optional.empty();
    }
    try {
      Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0
          || output.contains("AttachNotSupportedException") || output.contains("not found")) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return Optional.of(output);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
