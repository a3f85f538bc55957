package careerbot.answer;

import java.util.ArrayList;
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
  }
}
