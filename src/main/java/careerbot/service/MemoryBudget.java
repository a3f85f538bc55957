package careerbot.service;

/**
 * The memory the bot may fill with what it remembers between questions, and how it is shared out. Every
 * such cache is bounded by the bytes its entries hold ({@link careerbot.answer.Footprint}), not by their
 * number, so long questions cannot make a cache of a given size fill the heap. The whole follows the heap
 * unless MEMORY_MB sets it: a quarter of {@code -Xmx}, which leaves the engine, Jetty and the answers in
 * flight the rest.
 *
 * <ul>
 *   <li>{@link #conversations()}: HTTP conversations kept from their second question, 35%;</li>
 *   <li>{@link #firstTurns()}: where first answers leave a conversation, held for its follow-up, 20%;</li>
 *   <li>{@link #recentAnswers()}: what recent answers were, so a vote is recorded with its question, 20%;</li>
 *   <li>{@link #votes()}: the answers voted on, so each is counted once, 10%;</li>
 *   <li>{@link #slack()}: Slack conversations, per workspace, channel and user, 15%.</li>
 * </ul>
 *
 * The first answers the engine keeps for the next visitor asking the same (ANSWER_CACHE_MB) come on top,
 * at most a thirty-second of the heap.
 */
public record MemoryBudget(long bytes) {
  /** MEMORY_MB megabytes, or a quarter of the heap when 0. */
  public static MemoryBudget of(int megabytes) {
    return new MemoryBudget(megabytes > 0 ? (long) megabytes << 20 : Runtime.getRuntime().maxMemory() / 4);
  }

  public long conversations() {
    return share(35);
  }

  public long firstTurns() {
    return share(20);
  }

  public long recentAnswers() {
    return share(20);
  }

  public long votes() {
    return share(10);
  }

  public long slack() {
    return share(15);
  }

  private long share(int percent) {
    return Math.max(1, bytes / 100 * percent);
  }
}
