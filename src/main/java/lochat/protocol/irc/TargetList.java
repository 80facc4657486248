package lochat.protocol.irc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

  /**
   * The values of the comma-separated {@code values} paired with the targets of {@code list} in
   * order, as JOIN pairs channels with keys: by each target's case-folded name, the value beside
   * its first occurrence; a target with no value beside it has none here.
   */
  public static Map<String, String> paired(String list, String values) {
    String[] targets = list.split(",");
    String[] given = values.isEmpty() ? new String[0] : values.split(",", -1);
    Map<String, String> paired = new HashMap<>();
    for (int i = 0; i < targets.length && i < given.length; i++) {
      if (!targets[i].isEmpty()) {
        paired.putIfAbsent(IrcCase.foldCase(targets[i]), given[i]);
      }
    }
    return paired;
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
