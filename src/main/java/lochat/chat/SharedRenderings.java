package lochat.chat;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The forms one event has already been rendered into, shared by every session that delivers it,
 * so that a post to a room of a thousand is rendered and encoded once per wire form, not once per
 * member.
 *
 * <p>A form is identified by a key that says everything its rendering depends on (protocol,
 * line ending, negotiated options), compared with {@code equals}. Sessions on different threads
 * may render the same form at once; one result wins and both are equal, so that is harmless.
 *
 * <p>It is a cache, not part of the event's meaning: all instances are equal to each other, so
 * events compare by their facts alone. Limits: entries are few (one per form in use) and live as
 * long as the event, which for posts kept in a room's history is the history's lifetime. It
 * never leaves the node: an event that crosses to another node arrives with an empty one.
 */
public final class SharedRenderings {

  private static final Object[] NONE = new Object[0];

  /** Keys and values, alternating; replaced, never changed. */
  private volatile Object[] forms = NONE;

  /**
   * {@code renderings}, or a new empty cache where there is none: an event read from another
   * node, whose cache stayed there.
   */
  public static SharedRenderings orNew(SharedRenderings renderings) {
    return renderings == null ? new SharedRenderings() : renderings;
  }

  /** The form under {@code key}, rendered by {@code render} if no session has yet. */
  @SuppressWarnings("unchecked")
  public <T> T get(Object key, Supplier<T> render) {
    Object[] known = forms;
    for (int i = 0; i < known.length; i += 2) {
      if (known[i].equals(key)) {
        return (T) known[i + 1];
      }
    }
    T rendered = render.get();
    synchronized (this) {
      Object[] grown = Arrays.copyOf(forms, forms.length + 2);
      grown[grown.length - 2] = key;
      grown[grown.length - 1] = rendered;
      forms = grown;
    }
    return rendered;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SharedRenderings;
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return "SharedRenderings";
  }
}
