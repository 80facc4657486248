package lochat.chat;

/** A room as listed to users: its name and how many members it has. */
public record RoomInfo(String name, int members) {}
