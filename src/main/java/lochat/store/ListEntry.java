package lochat.store;

import java.time.Instant;

/**
 * An entry of one of a room's lists: a ban ({@code b}), a ban exception ({@code e}) or an invite
 * exception ({@code I}), as IRC names those lists; the store keeps whatever mode letter the room
 * uses. A list holds a mask at most once.
 */
public record ListEntry(char mode, String mask, String setBy, Instant setAt) {}
