package lochat.room;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lochat.chat.ModeChange;
import lochat.chat.ModeChanges;
import lochat.chat.RoomModes;
import lochat.chat.RoomRefusal;
import lochat.chat.Roles;
import lochat.chat.Topic;
import lochat.protocol.WildcardMask;
import lochat.store.ListEntry;
import lochat.store.RoomState;

/**
 * A room's rules: its topic, its {@link RoomModes}, its lists (bans {@code b}, ban exceptions {@code e},
 * invite exceptions {@code I}) and who is invited, and the decisions they make: who may join,
 * speak and change the topic, and which mode changes an operator's MODE makes.
 *
 * <p>Pure and owned by one room: no actor, no clock (times are given), unit tested on its own.
 * Users are matched as {@code nick!user@host} against the lists' {@link WildcardMask}s. As on
 * InspIRCd, an operator's invitation lets the session invited past {@code +i}, {@code +k},
 * {@code +l} and bans, once (a member's, where members may invite, is only a message); a server
 * operator is let past everything. A banned member who is neither voiced nor an
 * operator cannot speak. Limits: each list holds at most {@value #MAX_LIST} masks; invitations
 * are not stored and last until used or the room stops, the latest {@value #MAX_LIST} of them
 * (an invited user who leaves the server without joining never uses theirs).
 *
 * <p>Sessions are {@code Object}s here, compared by identity, so that the rules know no
 * actors.
 */
final class Moderation {

  /** Most masks in each list (IRC's {@code MAXLIST}). */
  static final int MAX_LIST = ModeChanges.MAX_LIST;

  /** The members' roles, as the room keeps them. */
  interface RoleBook {

    /** The member called {@code nick}'s roles, or empty when no member is called that. */
    Optional<Roles> rolesOf(String nick);

    /** Gives or takes role {@code mode}; returns the member's nickname as the room shows it. */
    String setRole(String nick, char mode, boolean on);
  }

  /** A change refused, and about what ({@code subject}: the nick, mask or argument). */
  record Refusal(RoomRefusal reason, String subject) {}

  /** What a MODE did: the changes made, in order, and the ones refused. */
  record Outcome(List<ModeChange> applied, List<Refusal> refused) {

    Outcome {
      applied = List.copyOf(applied);
      refused = List.copyOf(refused);
    }

    /** Whether the room's saved state changed (roles are not saved). */
    boolean changesState() {
      return applied.stream().anyMatch(change -> !Roles.isRole(change.mode()));
    }
  }

  private Optional<Topic> topic = Optional.empty();
  private RoomModes modes = RoomModes.NEW_ROOM;
  private final Map<Character, List<ListEntry>> lists = new LinkedHashMap<>();
  /** The sessions an operator invited, each let in once. */
  private final Set<Object> invited = new LinkedHashSet<>();
  /** The room could not read its saved state: saving now would overwrite it. */
  private boolean unsaved;

  /** A new room's rules: {@link RoomModes#NEW_ROOM}, no topic, empty lists. */
  Moderation() {
    for (char list : ModeChanges.LISTS.toCharArray()) {
      lists.put(list, new ArrayList<>());
    }
  }

  /** Takes back the topic, modes and lists the room saved. */
  void restore(RoomState state) {
    topic = state.topic();
    modes = RoomModes.fromStored(state.modes());
    lists.values().forEach(List::clear);
    for (ListEntry entry : state.lists()) {
      List<ListEntry> list = lists.get(entry.mode());
      if (list != null && list.size() < MAX_LIST) {
        list.add(entry);
      }
    }
  }

  RoomModes modes() {
    return modes;
  }

  Optional<Topic> topic() {
    return topic;
  }

  void setTopic(Optional<Topic> newTopic) {
    topic = newTopic;
  }

  List<ListEntry> list(char list) {
    return List.copyOf(lists.get(list));
  }

  /** What the store keeps of the room. */
  RoomState state(String room) {
    List<ListEntry> all = new ArrayList<>();
    lists.values().forEach(all::addAll);
    return new RoomState(room, topic, modes.stored(), all);
  }

  /** An operator invited {@code session}'s user: it is let in once, past everything. */
  void invite(Object session) {
    invited.add(session);
    if (invited.size() > MAX_LIST) {
      invited.remove(invited.iterator().next());
    }
  }

  /** The saved state could not be read: the room runs, but does not save over it. */
  void keepUnsaved() {
    unsaved = true;
  }

  /** Whether the room's state may be saved. */
  boolean saves() {
    return !unsaved;
  }

  /**
   * Why {@code who} may not join with {@code key}, if it may not, when the room has
   * {@code members}; a join that is let in uses up the user's invitation.
   */
  Optional<RoomRefusal> joinRefusal(String who, Object session, String key, int members,
      boolean serverOperator) {
    boolean invitation = invited.remove(session);
    if (serverOperator || invitation) {
      return Optional.empty();
    }
    if (isBanned(who)) {
      return Optional.of(RoomRefusal.BANNED);
    }
    if (modes.inviteOnly() && !matchesAny('I', who)) {
      return Optional.of(RoomRefusal.INVITE_ONLY);
    }
    if (!modes.key().isEmpty() && !modes.key().equals(key)) {
      return Optional.of(RoomRefusal.BAD_KEY);
    }
    if (modes.limit() > 0 && members >= modes.limit()) {
      return Optional.of(RoomRefusal.FULL);
    }
    return Optional.empty();
  }

  /** Whether {@code who} may post: a member with {@code roles}, or empty from outside. */
  boolean maySpeak(String who, Optional<Roles> roles) {
    if (roles.isEmpty()) {
      return !modes.noOutside() && !modes.moderated() && !isBanned(who);
    }
    if (roles.get().mayAlwaysSpeak()) {
      return true;
    }
    return !modes.moderated() && !isBanned(who);
  }

  boolean mayChangeTopic(Roles roles) {
    return !modes.topicLocked() || roles.operator();
  }

  /** Whether a non-member may see the room's members and find it in lists. */
  boolean isSecret() {
    return modes.secret();
  }

  /**
   * Makes {@code changes}, asked for by {@code by} with operator rights or not, and says which
   * it made; changes that change nothing are left out, as IRC servers do.
   */
  Outcome apply(List<ModeChange> changes, boolean operator, RoleBook roles, String by,
      Instant at) {
    List<ModeChange> applied = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>();
    if (!changes.isEmpty() && !operator) {
      refused.add(new Refusal(RoomRefusal.NOT_OPERATOR, ""));
      return new Outcome(applied, refused);
    }
    for (ModeChange change : changes) {
      char mode = change.mode();
      String argument = change.argument();
      if (modes.isFlag(mode)) {
        if (modes.has(mode) != change.adding()) {
          modes = modes.with(mode, change.adding());
          applied.add(ModeChange.flag(change.adding(), mode));
        }
      } else if (Roles.isRole(mode)) {
        Optional<Roles> current = roles.rolesOf(argument);
        if (current.isEmpty()) {
          refused.add(new Refusal(RoomRefusal.USER_NOT_IN_ROOM, argument));
        } else if (!current.get().has(mode, change.adding())) {
          String nick = roles.setRole(argument, mode, change.adding());
          applied.add(new ModeChange(change.adding(), mode, nick));
        }
      } else if (mode == 'k') {
        applyKey(change, applied, refused);
      } else if (mode == 'l') {
        applyLimit(change, applied, refused);
      } else {
        applyListChange(change, by, at, applied, refused);
      }
    }
    return new Outcome(applied, refused);
  }

  private void applyKey(ModeChange change, List<ModeChange> applied, List<Refusal> refused) {
    if (!change.adding()) {
      if (!modes.key().isEmpty()) {
        applied.add(new ModeChange(false, 'k', modes.key()));
        modes = modes.withKey("");
      }
    } else if (!RoomModes.isValidKey(change.argument())) {
      refused.add(new Refusal(RoomRefusal.INVALID_KEY, change.argument()));
    } else if (!change.argument().equals(modes.key())) {
      modes = modes.withKey(change.argument());
      applied.add(change);
    }
  }

  private void applyLimit(ModeChange change, List<ModeChange> applied, List<Refusal> refused) {
    if (!change.adding()) {
      if (modes.limit() > 0) {
        modes = modes.withLimit(0);
        applied.add(ModeChange.flag(false, 'l'));
      }
      return;
    }
    Optional<Integer> limit = ModeChanges.limit(change.argument());
    if (limit.isEmpty()) {
      refused.add(new Refusal(RoomRefusal.INVALID_LIMIT, change.argument()));
    } else if (limit.get() != modes.limit()) {
      modes = modes.withLimit(limit.get());
      applied.add(new ModeChange(true, 'l', Integer.toString(limit.get())));
    }
  }

  private void applyListChange(ModeChange change, String by, Instant at,
      List<ModeChange> applied, List<Refusal> refused) {
    String mask = ModeChanges.fullMask(change.argument());
    if (WildcardMask.of(mask).isEmpty()) {
      refused.add(new Refusal(RoomRefusal.INVALID_MASK, change.argument()));
      return;
    }
    List<ListEntry> list = lists.get(change.mode());
    Optional<ListEntry> existing = list.stream()
        .filter(entry -> entry.mask().equalsIgnoreCase(mask)).findFirst();
    if (change.adding() && existing.isEmpty()) {
      if (list.size() >= MAX_LIST) {
        refused.add(new Refusal(RoomRefusal.LIST_FULL, mask));
        return;
      }
      list.add(new ListEntry(change.mode(), mask, by, at));
      applied.add(new ModeChange(true, change.mode(), mask));
    } else if (!change.adding() && existing.isPresent()) {
      list.remove(existing.get());
      applied.add(new ModeChange(false, change.mode(), existing.get().mask()));
    }
  }

  private boolean isBanned(String who) {
    return matchesAny('b', who) && !matchesAny('e', who);
  }

  private boolean matchesAny(char list, String who) {
    for (ListEntry entry : lists.get(list)) {
      Optional<WildcardMask> mask = WildcardMask.of(entry.mask());
      if (mask.isPresent() && mask.get().matches(who)) {
        return true;
      }
    }
    return false;
  }
}
