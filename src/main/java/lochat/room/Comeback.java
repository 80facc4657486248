package lochat.room;

import java.util.List;
import lochat.chat.Roles;

/**
 * What a member's {@link RoomLink} tells a room's new incarnation when it takes the member back
 * after the room moved: the member's roles in the room before, and who was in the room then, as
 * the link last saw it, so that the room gives the roles back and tells its members who did not
 * come back ({@link RoomReturns}).
 */
public record Comeback(Roles roles, List<String> roomWas) {

  public Comeback {
    roles = roles == null ? Roles.NONE : roles;
    roomWas = roomWas == null ? List.of() : List.copyOf(roomWas);
  }
}
