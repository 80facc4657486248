package lochat.protocol.irc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A comma-separated target list of an IRC command ({@code PRIVMSG a,#b}, {@code JOIN #a,#b},
 * ...), split into the targets used and those over the limit.
 *
 * <p>Empty items are skipped and a target that repeats, regardless of ASCII case
 * ({@link IrcCase}), counts once, so {@code ,,,,} names no target at all: callers answer that
 * as a missing parameter, never with silence. Only the first {@code max} distinct targets are
 * used; the distinct ones after them are {@code excess}, which callers answer with
 * ERR_TOOMANYTARGETS. Pure; the targets are as given, not validated.
 */
public record TargetList(List<String> targets, List<String> excess) {

  public TargetList {
    targets = List.copyOf(targets);
    excess = List.copyOf(excess);
  }

  public static TargetList parse(String list, int max) {
    Set<String> seen = new HashSet<>();
    List<String> targets = new ArrayList<>();
    List<String> excess = new ArrayList<>();
    for (String target : list.split(",")) {
      if (!target.isEmpty() && seen.add(IrcCase.foldCase(target))) {
        (targets.size() < max ? targets : excess).add(target);
      }
    }
    return new TargetList(targets, excess);
  }

  /** Whether {@code list} names no target: it is empty or only commas. */
  public static boolean isEmpty(String list) {
    for (int i = 0; i < list.length(); i++) {
      if (list.charAt(i) != ',') {
        return false;
      }
    }
    return true;
  }
}
