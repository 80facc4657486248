package lochat.client;

/** A line the user typed; {@code secret} when it answered the server's password prompt. */
record TypedLine(String text, boolean secret) {

  static TypedLine plain(String text) {
    return new TypedLine(text, false);
  }
}
