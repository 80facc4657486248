package lochat.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a mode string and its arguments, {@code +nt-k+l key 10} or {@code +ov ann bob}, into
 * the changes it asks for, as IRC's MODE command writes them; the native {@code /mode} uses
 * the same syntax. Pure: what each change means is the room's business.
 *
 * <p>The letters are IRC's, by the kind of argument they take (IRC's CHANMODES types): lists
 * {@code b e I} and roles {@code o v} always take one ({@code +b} without one asks for the
 * list: {@link Parsed#listQueries}); the key {@code k} takes one when set, and when unset if
 * one is there; the limit {@code l} only when set; the switches {@code t n m i s} none. A role
 * with no argument left is skipped. At most {@value #MAX_CHANGES} changes are read, the rest
 * ignored, as IRC's {@code MODES} token promises.
 */
public final class ModeChanges {

  /** Most changes taken from one mode string (IRC's {@code MODES}). */
  public static final int MAX_CHANGES = 20;

  /** Most masks in each list (IRC's {@code MAXLIST}). */
  public static final int MAX_LIST = 100;

  /** The list modes: bans, ban exceptions, invite exceptions. */
  public static final String LISTS = "beI";

  /** Every mode letter a room knows, for IRC's {@code CHANMODES} and error replies. */
  public static final String KNOWN = LISTS + "ov" + "kl" + RoomModes.FLAGS;

  /**
   * @param changes what to change, in order
   * @param listQueries list letters given without a mask: the lists to show
   * @param unknown letters no room knows, each once, in order
   */
  public record Parsed(List<ModeChange> changes, List<Character> listQueries,
      List<Character> unknown) {

    public Parsed {
      changes = List.copyOf(changes);
      listQueries = List.copyOf(listQueries);
      unknown = List.copyOf(unknown);
    }
  }

  private ModeChanges() {}

  public static Parsed parse(String modes, List<String> arguments) {
    List<ModeChange> changes = new ArrayList<>();
    List<Character> listQueries = new ArrayList<>();
    List<Character> unknown = new ArrayList<>();
    int next = 0;
    boolean adding = true;
    for (char mode : modes.toCharArray()) {
      if (mode == '+' || mode == '-') {
        adding = mode == '+';
        continue;
      }
      if (changes.size() == MAX_CHANGES) {
        break;
      }
      boolean list = LISTS.indexOf(mode) >= 0;
      boolean takesArgument = list || Roles.isRole(mode) || mode == 'k'
          || (mode == 'l' && adding);
      String argument = "";
      if (takesArgument && next < arguments.size()) {
        argument = arguments.get(next++);
      } else if (takesArgument && !(mode == 'k' && !adding)) {
        if (list && !listQueries.contains(mode)) {
          listQueries.add(mode);
        }
        continue;
      }
      if (KNOWN.indexOf(mode) < 0) {
        if (!unknown.contains(mode)) {
          unknown.add(mode);
        }
        continue;
      }
      changes.add(new ModeChange(adding, mode, argument));
    }
    return new Parsed(changes, listQueries, unknown);
  }

  /** A limit's number, when it is one a room may have (1 to {@link RoomModes#MAX_LIMIT}). */
  public static Optional<Integer> limit(String argument) {
    if (argument.isEmpty() || argument.length() > 6
        || !argument.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    int limit = Integer.parseInt(argument);
    return limit >= 1 && limit <= RoomModes.MAX_LIMIT ? Optional.of(limit) : Optional.empty();
  }

  /**
   * A ban-style mask in full, {@code nick!user@host}, as IRC servers complete it: {@code ann}
   * is {@code ann!*@*}, {@code user@host} is {@code *!user@host}, {@code 10.0.0.5} or a host
   * name with a dot is {@code *!*@10.0.0.5}, {@code ann!user} is {@code ann!user@*}.
   */
  public static String fullMask(String mask) {
    int bang = mask.indexOf('!');
    int at = mask.indexOf('@');
    if (bang < 0 && at < 0) {
      return mask.contains(".") || mask.contains(":") ? "*!*@" + mask : mask + "!*@*";
    }
    if (bang < 0) {
      return "*!" + mask;
    }
    if (at < 0) {
      return mask + "@*";
    }
    return mask;
  }

  /** Mode changes as a mode string: {@code +mo-v ann bob}, the arguments in order after it. */
  public static String format(List<ModeChange> changes) {
    StringBuilder letters = new StringBuilder();
    StringBuilder arguments = new StringBuilder();
    Boolean adding = null;
    for (ModeChange change : changes) {
      if (adding == null || adding != change.adding()) {
        adding = change.adding();
        letters.append(adding ? '+' : '-');
      }
      letters.append(change.mode());
      if (change.hasArgument()) {
        arguments.append(' ').append(change.argument());
      }
    }
    return letters.append(arguments).toString();
  }
}
