package lochat.operators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import lochat.guard.AddressBans;
import lochat.protocol.WildcardMask;
import lochat.store.ServerBan;

/**
 * The server-wide address bans, as a value: what the {@link lochat.guard.Gatekeeper} asks at
 * every connection, and the rules of a ban's mask.
 *
 * <p>A mask is a wildcard mask of IP addresses ({@code *} any run of characters, {@code ?} one):
 * {@code 192.168.1.*}, {@code 10.0.0.?}, {@code fd00:*}. InspIRCd's {@code *@} prefix is taken and
 * dropped, and masks are kept in lower case (IPv6 hex digits). A mask must name at least one
 * digit, so that no ban shuts everyone out ({@code *} or {@code *.*} are refused), and has at
 * most {@value #MAX_MASK} characters. Immutable: {@link #with} and {@link #without} make new ones.
 *
 * <p>Limits: masks match the address text only; there are no CIDR ranges ({@code 10.0.0.0/8}).
 */
public final class ServerBans implements AddressBans {

  /** The longest mask, in characters. */
  public static final int MAX_MASK = 64;

  public static final ServerBans NONE = new ServerBans(Map.of());

  private record Entry(ServerBan ban, WildcardMask mask) {}

  private final Map<String, Entry> byMask;

  private ServerBans(Map<String, Entry> byMask) {
    this.byMask = byMask;
  }

  /** The bans {@code bans} holds, later ones replacing earlier ones on the same mask. */
  public static ServerBans of(List<ServerBan> bans) {
    ServerBans all = NONE;
    for (ServerBan ban : bans) {
      all = all.with(ban);
    }
    return all;
  }

  /** {@code mask} as bans keep it: without a {@code *@} prefix, in lower case. */
  public static String normal(String mask) {
    String bare = mask.startsWith("*@") ? mask.substring(2) : mask;
    return bare.toLowerCase(Locale.ROOT);
  }

  /** What is wrong with {@code mask} as a ban's mask (given {@link #normal}); empty if nothing. */
  public static Optional<String> maskProblem(String mask) {
    if (mask.isEmpty()) {
      return Optional.of("an address mask is needed, e.g. 192.168.1.*");
    }
    if (mask.length() > MAX_MASK) {
      return Optional.of("an address mask has at most " + MAX_MASK + " characters");
    }
    if (!mask.matches("[0-9a-f.:*?]+")) {
      return Optional.of("an address mask has only IP address characters (digits, a-f, '.',"
          + " ':') and the wildcards * and ?, not '" + mask + "'");
    }
    if (!mask.matches(".*[0-9a-f].*")) {
      return Optional.of("the mask " + mask + " would ban every address");
    }
    return Optional.empty();
  }

  /** These bans and {@code ban}, which replaces any on its mask. */
  public ServerBans with(ServerBan ban) {
    Map<String, Entry> more = new LinkedHashMap<>(byMask);
    more.remove(ban.mask());
    more.put(ban.mask(), new Entry(ban, WildcardMask.of(ban.mask()).orElseThrow()));
    return new ServerBans(more);
  }

  /** These bans without the one on {@code mask}. */
  public ServerBans without(String mask) {
    Map<String, Entry> fewer = new LinkedHashMap<>(byMask);
    fewer.remove(mask);
    return new ServerBans(fewer);
  }

  public Optional<ServerBan> get(String mask) {
    return Optional.ofNullable(byMask.get(mask)).map(Entry::ban);
  }

  /** Every ban, oldest first. */
  public List<ServerBan> list() {
    List<ServerBan> bans = new ArrayList<>(byMask.size());
    byMask.values().forEach(entry -> bans.add(entry.ban()));
    return bans;
  }

  /** The first ban whose mask matches {@code address}. */
  public Optional<ServerBan> matching(String address) {
    for (Entry entry : byMask.values()) {
      if (entry.mask().matches(address)) {
        return Optional.of(entry.ban());
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> refusal(String address) {
    return matching(address).map(ServerBans::refusalText);
  }

  /** What a banned client is told, when it connects and when the ban cuts it. */
  public static String refusalText(ServerBan ban) {
    return "Banned from this server: " + ban.reason();
  }
}
