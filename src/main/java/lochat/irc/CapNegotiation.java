package lochat.irc;

import java.util.Set;
import lochat.protocol.irc.Capabilities;
import lochat.protocol.irc.IrcCommand;
import lochat.protocol.irc.IrcReplies;

/**
 * IRCv3 capability negotiation ({@code CAP LS}, {@code LIST}, {@code REQ}, {@code END}), before
 * registration and after it. Negotiation begun before registration holds registration back
 * until {@code CAP END} ({@link IrcClient#capNegotiating}); version 302 implies cap-notify,
 * which may then not be disabled. The capabilities offered are {@link Capabilities#SUPPORTED}.
 */
final class CapNegotiation {

  private CapNegotiation() {}

  static void cap(IrcClient client, IrcCommand.Cap cap) {
    String me = client.nick() == null ? IrcReplies.UNREGISTERED : client.nick();
    boolean registered = client.session.registered();
    switch (cap.subcommand()) {
      case "LS" -> {
        client.capNegotiating = !registered;
        if (!cap.args().isEmpty() && cap.args().get(0).matches("[0-9]{1,9}")
            && Integer.parseInt(cap.args().get(0)) >= 302) {
          client.capVersion302 = true;
          client.caps.add(Capabilities.CAP_NOTIFY);
          client.capsChanged();
        }
        client.send(client.replies.command(
            "CAP", me, "LS", String.join(" ", Capabilities.SUPPORTED)));
      }
      case "LIST" -> client.send(
          client.replies.command("CAP", me, "LIST", String.join(" ", client.caps)));
      case "REQ" -> {
        client.capNegotiating = !registered;
        String request = cap.args().isEmpty() ? "" : cap.args().get(0);
        Set<String> enabled = Capabilities.apply(client.caps, request);
        if (enabled == null
            || client.capVersion302 && !enabled.contains(Capabilities.CAP_NOTIFY)) {
          client.send(client.replies.command("CAP", me, "NAK", request.trim()));
        } else {
          client.caps = enabled;
          client.capsChanged();
          client.send(client.replies.command("CAP", me, "ACK", request.trim()));
        }
      }
      default -> client.capNegotiating = false;
    }
  }
}
