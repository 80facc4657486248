package lochat;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of cells as aligned lines for a terminal, two spaces between columns, for the commands
 * that list things ({@code discover}, {@code cluster status}). Pure; widths are in chars, so a
 * cell with wide or combining characters may misalign its row.
 */
public final class TextTable {

  private TextTable() {}

  /** Each row as one line, every column as wide as its widest cell; no trailing spaces. */
  public static List<String> align(List<List<String>> rows) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    List<String> lines = new ArrayList<>(rows.size());
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        line.append(row.get(c));
        if (c < row.size() - 1) {
          line.append(" ".repeat(widths[c] - row.get(c).length() + 2));
        }
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }
}
