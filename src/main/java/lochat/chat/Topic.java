package lochat.chat;

import java.time.Instant;

/** A room's topic: its text, who set it and when. */
public record Topic(String text, String setBy, Instant setAt) {}
