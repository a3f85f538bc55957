package careerbot.answer;

import java.util.List;

/**
 * A comparison table each channel renders natively: {@code columns} are the header cells (the first is
 * the row label's header), each row has as many cells as there are columns.
 */
public record Table(String caption, List<String> columns, List<List<String>> rows) {
  public Table {
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
  }
}
