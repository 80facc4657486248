package lochat.server;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The known setting a misspelt one was probably meant to be, for "did you mean" hints.
 *
 * <p>Distances count the single-character insertions, deletions, substitutions and swaps of
 * neighbours (so {@code prot} is one from {@code port}) between whole paths, or between the
 * last keys of two paths plus one for the move, so that a known key put in the wrong block
 * ({@code lochat.history-size}) still finds its place ({@code lochat.room.history-size}). A
 * suggestion is made only when the distance is small for the key's length (1 for up to five
 * characters, at most 3), so unrelated keys get none.
 */
final class ClosestName {

  private ClosestName() {}

  /** The path among {@code known} closest to {@code path}, if one is close enough. */
  static Optional<String> among(String path, Collection<String> known) {
    int allowed = Math.max(1, Math.min(3, lastKey(path).length() / 3));
    return known.stream()
        .filter(candidate -> distance(path, candidate) <= allowed)
        .min(Comparator.comparingInt((String candidate) -> distance(path, candidate))
            .thenComparing(Comparator.naturalOrder()));
  }

  /** How far apart two setting paths are, as described above. */
  static int distance(String path, String candidate) {
    return Math.min(editDistance(path, candidate),
        editDistance(lastKey(path), lastKey(candidate)) + 1);
  }

  /** The optimal string alignment distance: edits and adjacent swaps. */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String lastKey(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
