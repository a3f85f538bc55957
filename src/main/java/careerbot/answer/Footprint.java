package careerbot.answer;

import java.util.Collection;
import java.util.List;

/**
 * Estimates of the heap a remembered value holds, in bytes, for caches bounded by memory rather than by
 * entry count. Deliberately on the high side: a string is counted at two bytes a character (Java stores
 * plain ASCII in one), with its object and array headers, and every object and list at a few references.
 */
public final class Footprint {
  private Footprint() {}

  /** An object's header and a few fields. */
  public static final int OBJECT = 32;
  /** A cache's own bookkeeping for one entry (Caffeine's node, its table slot and frequency counters). */
  public static final int CACHE_ENTRY = 128;

  public static long of(String s) {
    return s == null ? 0 : 48 + 2L * s.length();
  }

  public static long of(Collection<String> strings) {
    if (strings == null) return 0;
    long n = 24 + 8L * strings.size();
    for (String s : strings) n += of(s);
    return n;
  }

  /** What an answer holds: its text, suggestions, sources, table and matches. */
  public static long of(Answer a) {
    if (a == null) return 0;
    long n = OBJECT + of(a.text()) + of(a.intent()) + of(a.suggestions());
    for (SourceRef s : a.sources()) n += OBJECT + of(s.id()) + of(s.title());
    for (Match m : a.matches()) n += OBJECT + of(m.kind()) + of(m.id());
    Table t = a.table();
    if (t != null) {
      n += OBJECT + of(t.caption()) + of(t.columns());
      for (List<String> row : t.rows()) n += of(row);
    }
    return n;
  }

  /** A weight for a cache: {@code bytes} with the entry's bookkeeping, as an int. */
  public static int weight(long bytes) {
    return (int) Math.min(Integer.MAX_VALUE, bytes + CACHE_ENTRY);
  }
}
