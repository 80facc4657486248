package lochat.protocol.irc;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import lochat.store.HistoryQuery;
import lochat.store.HistoryQuery.Ref;

/**
 * Reads an IRCv3 {@code draft/chathistory} request, {@code CHATHISTORY LATEST|BEFORE|AFTER|AROUND
 * #channel <ref> <limit>} or {@code CHATHISTORY BETWEEN #channel <ref> <ref> <limit>}, into a
 * {@link HistoryQuery}, or into the {@code FAIL CHATHISTORY INVALID_PARAMS} that the spec asks
 * for when it cannot.
 *
 * <p>A reference is {@code msgid=ID} (Lochat's message ids are the history's numbers) or
 * {@code timestamp=YYYY-MM-DDThh:mm:ss.sssZ}; {@code *} stands for "none" with {@code LATEST}
 * only. A limit above {@link #MAX_LIMIT} (the {@code CHATHISTORY} token) is lowered to it.
 * Limits: {@code TARGETS} is not offered. Pure: whether the channel exists and may be read is
 * the session's to find out.
 */
public final class ChathistoryRequest {

  /** Most messages one request returns: the {@code CHATHISTORY} ISUPPORT token. */
  public static final int MAX_LIMIT = 100;

  /** The ISUPPORT tokens that announce this command. */
  public static final List<String> ISUPPORT_TOKENS =
      List.of("CHATHISTORY=" + MAX_LIMIT, "MSGREFTYPES=msgid,timestamp");

  private static final String COMMAND = "CHATHISTORY";

  private ChathistoryRequest() {}

  /** The command that {@code params} (after {@code CHATHISTORY}) ask for. */
  public static IrcCommand parse(List<String> params) {
    if (params.isEmpty()) {
      return invalid("*", "Missing subcommand");
    }
    String subcommand = params.get(0).toUpperCase(Locale.ROOT);
    int refs = switch (subcommand) {
      case "LATEST", "BEFORE", "AFTER", "AROUND" -> 1;
      case "BETWEEN" -> 2;
      default -> -1;
    };
    if (refs < 0) {
      return invalid(IrcText.clean(params.get(0)), "Unknown subcommand");
    }
    if (params.size() < 3 + refs) {
      return invalid(subcommand, "Not enough parameters");
    }
    String channel = params.get(1);
    Optional<Ref> first = ref(params.get(2), subcommand.equals("LATEST"));
    Optional<Ref> second = refs == 2 ? ref(params.get(3), false) : Optional.of(Ref.NONE);
    if (first.isEmpty() || second.isEmpty()) {
      return invalid(subcommand, "Invalid message reference");
    }
    Optional<Integer> limit = limit(params.get(2 + refs));
    if (limit.isEmpty()) {
      return invalid(subcommand, "Invalid limit");
    }
    HistoryQuery query = switch (subcommand) {
      case "LATEST" -> new HistoryQuery.Latest(first.get(), limit.get());
      case "BEFORE" -> new HistoryQuery.Before(first.get(), limit.get());
      case "AFTER" -> new HistoryQuery.After(first.get(), limit.get());
      case "AROUND" -> new HistoryQuery.Around(first.get(), limit.get());
      default -> new HistoryQuery.Between(first.get(), second.get(), limit.get());
    };
    return new IrcCommand.Chathistory(subcommand, channel, query);
  }

  /** {@code msgid=ID}, {@code timestamp=TIME}, or {@code *} when {@code starAllowed}. */
  static Optional<Ref> ref(String given, boolean starAllowed) {
    if (given.equals("*")) {
      return starAllowed ? Optional.of(Ref.NONE) : Optional.empty();
    }
    if (given.startsWith("msgid=")) {
      String id = given.substring(6);
      if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Optional.empty();
      }
      return Optional.of(new HistoryQuery.ById(Long.parseLong(id)));
    }
    if (given.startsWith("timestamp=")) {
      try {
        return Optional.of(new HistoryQuery.ByTime(Instant.parse(given.substring(10))));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** A positive number, lowered to {@link #MAX_LIMIT}. */
  static Optional<Integer> limit(String given) {
    if (given.isEmpty() || given.length() > 9 || !given.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    int limit = Integer.parseInt(given);
    return limit < 1 ? Optional.empty() : Optional.of(Math.min(limit, MAX_LIMIT));
  }

  private static IrcCommand invalid(String subcommand, String why) {
    return new IrcCommand.Fail(COMMAND, "INVALID_PARAMS", List.of(subcommand), why);
  }
}
