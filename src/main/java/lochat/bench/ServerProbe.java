package lochat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * (through {@code jcmd}, from the generator's own JDK). A server of several processes (the nodes
 * of a cluster) is probed as their sum, and its CPU time also node by node ({@link #cpuTime}).
 *
 * <p>Without a pid, or on a system without {@code /proc}, every figure is empty. The heap figure
 * is empty for a server that is not a JVM, or one {@code jcmd} cannot attach to (another user's).
 * A sum is empty when one of its processes' figures is.
 */
final class ServerProbe {

  /** Linux's clock ticks per second for {@code /proc/PID/stat}: 100 on every common kernel. */
  private static final double TICKS_PER_SECOND = 100.0;
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  private final long pid;
  private final List<ServerProbe> parts;

  private ServerProbe(long pid, List<ServerProbe> parts) {
    this.pid = pid;
    this.parts = parts;
  }

  /** A probe of process {@code pid}, or of nothing when {@code pid} is 0 or less. */
  static ServerProbe of(long pid) {
    return new ServerProbe(pid, List.of());
  }

  /**
   * A probe of the processes {@code pids} together (ignoring those 0 or less), or of nothing
   * when none is left.
   */
  static ServerProbe of(List<Long> pids) {
    List<ServerProbe> parts = pids.stream().filter(pid -> pid > 0).map(ServerProbe::of).toList();
    return parts.size() == 1 ? parts.get(0) : new ServerProbe(0, parts);
  }

  /**
   * CPU seconds used so far by each process, in the order given; empty when any is unknown.
   */
  CpuTime cpuTime() {
    List<Double> each = new ArrayList<>();
    for (ServerProbe part : parts.isEmpty() ? List.of(this) : parts) {
      OptionalDouble seconds = part.processCpuSeconds();
      if (seconds.isEmpty()) {
        return CpuTime.UNKNOWN;
      }
      each.add(seconds.getAsDouble());
    }
    return new CpuTime(each);
  }

  /**
   * CPU seconds of each process of a server, in the order its pids were given: a reading, or
   * the difference of two. No processes: unknown.
   */
  record CpuTime(List<Double> each) {
    static final CpuTime UNKNOWN = new CpuTime(List.of());

    CpuTime {
      each = List.copyOf(each);
    }

    /** All processes' seconds together. */
    OptionalDouble total() {
      return each.isEmpty() ? OptionalDouble.empty()
          : OptionalDouble.of(each.stream().mapToDouble(Double::doubleValue).sum());
    }

    /** The seconds used from {@code before} to this reading; unknown if either is. */
    CpuTime since(CpuTime before) {
      if (each.isEmpty() || each.size() != before.each.size()) {
        return UNKNOWN;
      }
      List<Double> used = new ArrayList<>();
      for (int i = 0; i < each.size(); i++) {
        used.add(each.get(i) - before.each.get(i));
      }
      return new CpuTime(used);
    }
  }

  /** User plus system CPU seconds the server has used so far. */
  OptionalDouble cpuSeconds() {
    return cpuTime().total();
  }

  private OptionalDouble processCpuSeconds() {
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
    if (!parts.isEmpty()) {
      return sum(ServerProbe::rssKb);
    }
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
    if (!parts.isEmpty()) {
      return sum(ServerProbe::heapAfterGcKb);
    }
    if (!isJvm() || jcmd("GC.run").isEmpty()) {
      return OptionalLong.empty();
    }
    String info = jcmd("GC.heap_info").orElse("");
    Matcher used = HEAP_USED.matcher(info);
    return used.find() ? OptionalLong.of(Long.parseLong(used.group(1))) : OptionalLong.empty();
  }

  private OptionalLong sum(java.util.function.Function<ServerProbe, OptionalLong> figure) {
    long total = 0;
    for (ServerProbe part : parts) {
      OptionalLong value = figure.apply(part);
      if (value.isEmpty()) {
        return OptionalLong.empty();
      }
      total += value.getAsLong();
    }
    return OptionalLong.of(total);
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
