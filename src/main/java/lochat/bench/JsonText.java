package lochat.bench;

/**
 * Just enough JSON for a benchmark client of the web protocol: writing string values, and
 * finding members of the compact objects the server sends, without a parser.
 *
 * <p>Finding a member by its key as {@code "key":} is exact on JSON text: a key inside a string
 * value has its quotes escaped ({@code \"key\":}), so it never matches. Members are looked for in
 * the whole object, nested ones included: callers ask only for members that the object's type
 * has at the top level and nowhere deeper.
 *
 * <p>Limits: {@link #string} does not decode {@code \}{@code uXXXX} escapes (it keeps them as
 * they are); the generator only compares such values with plain names.
 */
final class JsonText {

  private JsonText() { }

  /** {@code text} as a JSON string, quotes included. */
  static String quote(String text) {
    return appendQuoted(new StringBuilder(text.length() + 2), text).toString();
  }

  /** Appends {@code text} to {@code out} as a JSON string, quotes included; returns {@code out}. */
  static StringBuilder appendQuoted(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }

  /** The string value of member {@code name} of {@code json}, or null when it has none. */
  static String string(String json, String name) {
    String raw = raw(json, name);
    if (raw == null || raw.length() < 2 || raw.charAt(0) != '"') {
      return null;
    }
    StringBuilder value = new StringBuilder(raw.length());
    for (int i = 1; i < raw.length() - 1; i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length() - 1) {
        char next = raw.charAt(++i);
        switch (next) {
          case 'n' -> value.append('\n');
          case 'r' -> value.append('\r');
          case 't' -> value.append('\t');
          case 'u' -> value.append("\\u");
          default -> value.append(next);
        }
      } else {
        value.append(c);
      }
    }
    return value.toString();
  }

  /**
   * The value of member {@code name} of {@code json} as it is written (a string with its
   * quotes, a number, {@code true}...), or null when it has none. Object and array values are
   * not supported.
   */
  static String raw(String json, String name) {
    String key = "\"" + name + "\":";
    int at = json.indexOf(key);
    if (at < 0) {
      return null;
    }
    int start = at + key.length();
    if (start < json.length() && json.charAt(start) == '"') {
      for (int i = start + 1; i < json.length(); i++) {
        char c = json.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          return json.substring(start, i + 1);
        }
      }
      return null;
    }
    int end = start;
    while (end < json.length() && ",}] ".indexOf(json.charAt(end)) < 0) {
      end++;
    }
    return end > start ? json.substring(start, end) : null;
  }

  /**
   * Where the string whose contents start at {@code bytes[from]} ends: the index of its closing
   * quote, or -1 when there is none before {@code to}.
   */
  static int stringEnd(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\\') {
        i++;
      } else if (bytes[i] == '"') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Where the JSON value starting at {@code bytes[from]} ends: the index just past it (a string
   * with its quotes, an object or array with what it holds, a number or literal up to the next
   * {@code ,}, {@code \}} or {@code ]}), or -1 when it does not end before {@code to}.
   */
  static int valueEnd(byte[] bytes, int from, int to) {
    if (from >= to) {
      return -1;
    }
    byte first = bytes[from];
    if (first == '"') {
      int end = stringEnd(bytes, from + 1, to);
      return end < 0 ? -1 : end + 1;
    }
    if (first == '{' || first == '[') {
      int depth = 0;
      for (int i = from; i < to; i++) {
        byte b = bytes[i];
        if (b == '"') {
          i = stringEnd(bytes, i + 1, to);
          if (i < 0) {
            return -1;
          }
        } else if (b == '{' || b == '[') {
          depth++;
        } else if ((b == '}' || b == ']') && --depth == 0) {
          return i + 1;
        }
      }
      return -1;
    }
    int i = from;
    while (i < to && bytes[i] != ',' && bytes[i] != '}' && bytes[i] != ']') {
      i++;
    }
    return i;
  }
}
