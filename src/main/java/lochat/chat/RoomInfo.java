package lochat.chat;

/** A room as listed to users: its name, how many members it has and its topic ("" for none). */
public record RoomInfo(String name, int members, String topic) {}
