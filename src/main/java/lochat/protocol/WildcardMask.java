package lochat.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * A wildcard mask, as IRC's {@code WHO} (and, later, bans) use: {@code *} matches any run of
 * characters, the empty one included, {@code ?} exactly one, and every other character itself,
 * regardless of ASCII case ({@code CASEMAPPING=ascii}: only {@code A-Z} fold, as in
 * {@link lochat.protocol.irc.IrcCase}). There are no escapes: {@code \} is an ordinary
 * character, so no mask can match a literal {@code *} or {@code ?} alone.
 *
 * <p>It exists because a mask turned into a regular expression backtracks exponentially
 * ({@code *a*a*a*a*b} against a long run of {@code a}s pinned a core for minutes). Matching here
 * is a two-pointer walk that only ever goes back to the last {@code *} seen, with no regex and no
 * recursion. Consecutive stars are collapsed. Its work is bounded by
 * {@code (|text| + 1) * (longest run between stars + 1) + |mask|} steps, which tests assert.
 *
 * <p>Limits: a mask may have at most {@value #MAX_LENGTH} characters ({@link #of} refuses
 * longer ones, so callers answer them), enough for a full {@code nick!user@host}. Characters are
 * Unicode code points, so {@code ?} matches one emoji; nothing else is normalised. Immutable and
 * safe to share between actors.
 */
public final class WildcardMask {

  /** The longest mask accepted, in UTF-16 characters. */
  public static final int MAX_LENGTH = 128;

  private static final int STAR = '*';
  private static final int ONE = '?';

  /** Folded code points, stars collapsed. */
  private final int[] pattern;
  private final String text;

  private WildcardMask(String mask) {
    this.text = mask;
    int[] folded = mask.codePoints().map(WildcardMask::fold).toArray();
    int n = 0;
    for (int c : folded) {
      if (c != STAR || n == 0 || folded[n - 1] != STAR) {
        folded[n++] = c;
      }
    }
    this.pattern = Arrays.copyOf(folded, n);
  }

  /** The mask, or empty when it is longer than {@value #MAX_LENGTH} characters. */
  public static Optional<WildcardMask> of(String mask) {
    return mask.length() > MAX_LENGTH ? Optional.empty() : Optional.of(new WildcardMask(mask));
  }

  /** Whether the whole of {@code candidate} matches this mask. */
  public boolean matches(String candidate) {
    return walk(candidate, null);
  }

  /** How many steps matching {@code candidate} takes: for tests of the bound. */
  long steps(String candidate) {
    long[] steps = new long[1];
    walk(candidate, steps);
    return steps[0];
  }

  /** The longest run of characters between stars (or the mask's ends): for tests of the bound. */
  int longestRun() {
    int longest = 0;
    int run = 0;
    for (int c : pattern) {
      run = c == STAR ? 0 : run + 1;
      longest = Math.max(longest, run);
    }
    return longest;
  }

  private boolean walk(String candidate, long[] steps) {
    int[] s = candidate.codePoints().toArray();
    int[] p = pattern;
    int t = 0;
    int m = 0;
    int star = -1;
    int starT = 0;
    long count = 0;
    boolean matched;
    while (true) {
      count++;
      if (t == s.length) {
        while (m < p.length && p[m] == STAR) {
          m++;
        }
        matched = m == p.length;
        break;
      }
      if (m < p.length && p[m] == STAR) {
        star = m++;
        starT = t;
      } else if (m < p.length && (p[m] == ONE || p[m] == fold(s[t]))) {
        m++;
        t++;
      } else if (star >= 0) {
        m = star + 1;
        t = ++starT;
      } else {
        matched = false;
        break;
      }
    }
    if (steps != null) {
      steps[0] = count;
    }
    return matched;
  }

  private static int fold(int c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }

  /** The mask as it was given. */
  @Override
  public String toString() {
    return text;
  }
}
