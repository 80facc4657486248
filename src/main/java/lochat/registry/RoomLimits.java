package lochat.registry;

/**
 * How many rooms may exist, and how many of them one user and one address may have created:
 * what keeps one client, or one machine, from using up the server's rooms. A room counts
 * against its creator and the creator's address for as long as it exists, even after the
 * creator has left it.
 *
 * @param maxRooms most rooms that may exist at once
 * @param maxCreatedPerUser most existing rooms one user may have created; 0 for no limit
 * @param maxCreatedPerAddress most existing rooms the users of one address may have created; 0
 *     for no limit
 */
public record RoomLimits(int maxRooms, int maxCreatedPerUser, int maxCreatedPerAddress) {

  /** At most {@code maxRooms} rooms, with no limit per user or address. */
  public static RoomLimits total(int maxRooms) {
    return new RoomLimits(maxRooms, 0, 0);
  }
}
