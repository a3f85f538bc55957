package careerbot.knowledge;

import java.util.ArrayList;
import java.util.List;

/**
 * A certification, system, body or term users ask about by name ("what's the CMAA?"). {@code definition}
 * says what {@code source} states. When the full {@code name} is not stated by that source,
 * {@code nameSource} names where it comes from (often the pack's editorial source); {@code general} is an
 * optional sentence of general knowledge with its own {@code generalSource}, kept apart from the sourced
 * definition so answers can label it.
 */
public record GlossaryEntry(String id, String term, String name, String kind, String issuer, String definition,
    String source, String nameSource, String general, String generalSource) {

  public GlossaryEntry(String id, String term, String name, String kind, String issuer, String definition,
      String source) {
    this(id, term, name, kind, issuer, definition, source, null, null, null);
  }

  /** Everything the entry says, as one text: term, name, definition, general knowledge and issuer. */
  public String text() {
    return String.join(" ", term, name == null ? "" : name, definition, general == null ? "" : general,
        issuer == null ? "" : issuer);
  }

  /** Where the name comes from: {@code nameSource}, else the entry's source. */
  public String nameFrom() {
    return nameSource != null ? nameSource : source;
  }

  /** Every source the entry uses, the definition's first. */
  public List<String> sources() {
    List<String> out = new ArrayList<>();
    for (String s : new String[] {source, name == null ? null : nameFrom(), general == null ? null : generalSource}) {
      if (s != null && !out.contains(s)) out.add(s);
    }
    return out;
  }
}
