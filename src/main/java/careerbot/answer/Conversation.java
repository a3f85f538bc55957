package careerbot.answer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What the bot remembers of one conversation so typed follow-ups work ("and per hour?", "what about
 * Germany?", "compare them"). One per WebSocket connection or HTTP session; the engine updates it after
 * each answer. Thread-safe: calls on one conversation are serialised.
 */
public final class Conversation {
  private final List<String> careers = new ArrayList<>();
  private String intent;
  private String level;
  private String country;
  private boolean usd;
  private int turns;
  private volatile Page page = Page.NONE;
  /** What the last answer showed, for follow-ups that point at it: its list items and glossary terms. */
  private volatile Shown shown = Shown.NONE;

  /**
   * The list items of the last answer ("the second one"), the glossary terms it named ("who issues it?") and
   * its passages, each a paragraph or a bullet ("how much does that cost?"), and the question it answered.
   */
  record Shown(List<String> items, List<String> terms, List<String> passages, String question) {
    static final Shown NONE = new Shown(List.of(), List.of(), List.of(), null);

    long footprint() {
      return this == NONE ? 0 : Footprint.OBJECT + Footprint.of(items) + Footprint.of(terms) + Footprint.of(passages)
          + Footprint.of(question);
    }
  }

  Shown shown() {
    return shown;
  }

  void shown(Shown s) {
    shown = s == null ? Shown.NONE : s;
  }

  /** Turns are counted up to this and no further: the count only tells a new conversation from an old one. */
  public static final int MAX_TURNS = 100_000;

  static int next(int turns) {
    return turns >= MAX_TURNS ? MAX_TURNS : Math.max(0, turns) + 1;
  }

  /**
   * The page the conversation happens on: its career is the subject of questions that name none ("how much
   * does this job pay?"), and its place is mentioned where the sources have facts for it. Channels set it
   * from the widget's data-career and data-location (or the API's career and location fields).
   */
  public record Page(String career, String location) {
    public static final Page NONE = new Page(null, null);
  }

  public Page page() {
    return page;
  }

  /** Sets the page; null leaves that part as it was (a later question without career keeps the page's). */
  public void page(String career, String location) {
    Page p = page;
    page = new Page(career != null ? career : p.career(), location != null ? location : p.location());
  }

  /**
   * What a conversation remembers, frozen: its state, what its last answer showed and its page. Immutable,
   * so one snapshot can start any number of conversations ({@link #resume}).
   */
  public record Snapshot(State state, Shown shown, Page page) {
    /** The heap this snapshot holds, in bytes (an estimate on the high side: {@link Footprint}). */
    public long footprint() {
      return 3L * Footprint.OBJECT + (state == null ? 0 : state.footprint()) + (shown == null ? 0 : shown.footprint())
          + (page == null ? 0 : Footprint.of(page.career()) + Footprint.of(page.location()));
    }
  }

  /** This conversation as it stands now. */
  public Snapshot snapshot() {
    return new Snapshot(state(), shown, page);
  }

  /**
   * The heap this conversation holds, in bytes (an estimate on the high side: {@link Footprint}). It grows
   * and shrinks with what the last answer showed, so a cache that weighs conversations weighs them again
   * after each answer.
   */
  public long footprint() {
    return 2L * Footprint.OBJECT + snapshot().footprint();
  }

  /** A new conversation that goes on from {@code s}. */
  public static Conversation resume(Snapshot s) {
    Conversation c = new Conversation();
    c.remember(s.state());
    c.shown = s.shown() == null ? Shown.NONE : s.shown();
    c.page = s.page() == null ? Page.NONE : s.page();
    return c;
  }

  /** A copy of the remembered state, for the engine to read without holding the lock. */
  public synchronized State state() {
    return new State(List.copyOf(careers), intent, level, country, usd, turns);
  }

  synchronized void remember(State next) {
    careers.clear();
    careers.addAll(next.careers());
    intent = next.intent();
    level = next.level();
    country = next.country();
    usd = next.usd();
    turns = next.turns();
  }

  /** The remembered state: the careers last talked about, the last topic, level and country. */
  public record State(List<String> careers, String intent, String level, String country, boolean usd, int turns) {
    public static final State EMPTY = new State(List.of(), null, null, null, false, 0);

    long footprint() {
      return Footprint.OBJECT + Footprint.of(careers) + Footprint.of(intent) + Footprint.of(level)
          + Footprint.of(country);
    }

    /**
     * The state as a short opaque token a client can hand back to any instance of the bot (after a
     * reconnect to another server) to carry on the conversation. It holds no user text.
     */
    public String token() {
      String plain = "v1|" + String.join(",", careers) + "|" + nz(intent) + "|" + nz(level) + "|" + nz(country) + "|"
          + (usd ? 1 : 0) + "|" + turns;
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a {@link #token()}; null when it is not one. The engine checks the values before use. */
    static State fromToken(String token) {
      if (token == null || token.length() > 400) return null;
      try {
        String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        String[] p = plain.split("\\|", -1);
        if (p.length != 7 || !p[0].equals("v1")) return null;
        List<String> careers = p[1].isEmpty() ? List.of() : List.of(p[1].split(","));
        return new State(careers, blank(p[2]), blank(p[3]), blank(p[4]), p[5].equals("1"), Integer.parseInt(p[6]));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    private static String nz(String s) {
      return s == null ? "" : s;
    }

    private static String blank(String s) {
      return s.isEmpty() ? null : s;
    }
  }
}
