package lochat.discovery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import lochat.TextTable;

/**
 * Found servers as people and scripts read them: a table with one server a line (numbered, for
 * a choice), or one JSON array written by Jackson's generator, so that whatever a server
 * announced is escaped.
 */
public final class ServerListing {

  private static final List<String> HEADERS =
      List.of("NAME", "ADDRESS", "NATIVE", "IRC", "WEB", "TLS", "PASSWORD", "VERSION");
  private static final JsonFactory JSON = new JsonFactory();

  private ServerListing() {}

  /** A header line, then one aligned line per server; ports are {@code plain/TLS}. */
  public static List<String> table(List<FoundServer> servers) {
    return render(servers, false);
  }

  /** {@link #table}, each server's line led by its number from 1, for a choice. */
  public static List<String> numbered(List<FoundServer> servers) {
    return render(servers, true);
  }

  /** The servers as one JSON array; a port not served is {@code null}. */
  public static String json(List<FoundServer> servers) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartArray();
      for (FoundServer server : servers) {
        json.writeStartObject();
        json.writeStringField("name", server.name());
        json.writeStringField("address", server.address());
        json.writeStringField("version", server.version());
        json.writeBooleanField("tls", server.tls());
        json.writeBooleanField("password", server.password());
        ports(json, "native", server.nativePorts());
        ports(json, "irc", server.ircPorts());
        ports(json, "web", server.webPorts());
        json.writeEndObject();
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void ports(JsonGenerator json, String name, ListenerPorts ports)
      throws IOException {
    json.writeObjectFieldStart(name);
    port(json, "port", ports.plain());
    port(json, "tls-port", ports.tls());
    json.writeEndObject();
  }

  private static void port(JsonGenerator json, String name, OptionalInt port) throws IOException {
    if (port.isPresent()) {
      json.writeNumberField(name, port.getAsInt());
    } else {
      json.writeNullField(name);
    }
  }

  private static List<String> render(List<FoundServer> servers, boolean numbered) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(numbered ? prefixed("#", HEADERS) : HEADERS);
    for (int i = 0; i < servers.size(); i++) {
      FoundServer server = servers.get(i);
      List<String> cells = List.of(server.name(), server.address(),
          server.nativePorts().shown(), server.ircPorts().shown(), server.webPorts().shown(),
          server.tls() ? "yes" : "no", server.password() ? "yes" : "no", server.version());
      rows.add(numbered ? prefixed(String.valueOf(i + 1), cells) : cells);
    }
    return TextTable.align(rows);
  }

  private static List<String> prefixed(String first, List<String> rest) {
    List<String> cells = new ArrayList<>(rest.size() + 1);
    cells.add(first);
    cells.addAll(rest);
    return cells;
  }
}
