package lochat.store;

import java.time.Instant;

/**
 * A ban of client addresses from the whole server, set by a server operator: {@code mask} is a
 * wildcard mask of IP addresses ({@code 192.168.1.*}), kept in lower case; {@code setBy} is the
 * operator's nickname. A mask is banned at most once.
 */
public record ServerBan(String mask, String reason, String setBy, Instant setAt) {}
