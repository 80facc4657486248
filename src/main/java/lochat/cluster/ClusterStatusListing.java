package lochat.cluster;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lochat.TextTable;

/**
 * A node's view of its cluster ({@link ClusterMembership.Members}) as people and scripts read
 * it: a table with one member a line, sorted by address, the node asked marked, and a summary;
 * or one JSON object written by Jackson's generator. Pure.
 *
 * <p>Limits: it shows what the node asked knows, which may lag the cluster by a gossip round; a
 * member removed from the cluster is no longer listed at all.
 */
public final class ClusterStatusListing {

  private static final List<String> HEADERS = List.of("ADDRESS", "STATUS", "REACHABLE", "");
  private static final Pattern HOST_PORT = Pattern.compile("(.*):(\\d+)");
  private static final JsonFactory JSON = new JsonFactory();

  /** By host, then by port as a number, so that 127.0.0.1:9999 comes before 127.0.0.1:10000. */
  static final Comparator<ClusterMembership.Member> BY_ADDRESS = Comparator
      .comparing((ClusterMembership.Member member) -> host(member.address()))
      .thenComparingInt(member -> port(member.address()))
      .thenComparing(ClusterMembership.Member::address);

  private ClusterStatusListing() {}

  /** A header line, one aligned line per member, then a line that sums them up. */
  public static List<String> table(ClusterMembership.Members view) {
    List<ClusterMembership.Member> members = sorted(view);
    if (members.isEmpty()) {
      return List.of(view.self() + " knows no members yet: it has not joined a cluster (it may"
          + " still be joining its seed nodes)");
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (ClusterMembership.Member member : members) {
      rows.add(List.of(member.address(), member.status(), member.reachable() ? "yes" : "no",
          member.address().equals(view.self()) ? "(asked)" : ""));
    }
    List<String> lines = new ArrayList<>(TextTable.align(rows));
    lines.add(summary(view.self(), members));
    return lines;
  }

  /**
   * One JSON object: {@code {"asked": "HOST:PORT", "members": [{"address", "status",
   * "reachable", "asked"}]}}, members sorted as in the table.
   */
  public static String json(ClusterMembership.Members view) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("asked", view.self());
      json.writeArrayFieldStart("members");
      for (ClusterMembership.Member member : sorted(view)) {
        json.writeStartObject();
        json.writeStringField("address", member.address());
        json.writeStringField("status", member.status());
        json.writeBooleanField("reachable", member.reachable());
        json.writeBooleanField("asked", member.address().equals(view.self()));
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static List<ClusterMembership.Member> sorted(ClusterMembership.Members view) {
    return view.members().stream().sorted(BY_ADDRESS).toList();
  }

  private static String summary(String self, List<ClusterMembership.Member> members) {
    long up = members.stream().filter(member -> member.status().equals("up")).count();
    long unreachable = members.stream().filter(member -> !member.reachable()).count();
    StringBuilder line = new StringBuilder()
        .append(members.size()).append(members.size() == 1 ? " member" : " members")
        .append(" as ").append(self).append(" sees them: ").append(up).append(" up");
    if (unreachable > 0) {
      line.append(", ").append(unreachable).append(" unreachable");
    }
    return line.toString();
  }

  private static String host(String address) {
    Matcher matcher = HOST_PORT.matcher(address);
    return matcher.matches() ? matcher.group(1) : address;
  }

  private static int port(String address) {
    Matcher matcher = HOST_PORT.matcher(address);
    return matcher.matches() && matcher.group(2).length() <= 5
        ? Integer.parseInt(matcher.group(2)) : 0;
  }
}
