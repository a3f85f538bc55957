package careerbot.answer;

import java.util.List;

/**
 * What the bot says to one message: the text (plain text with light Markdown: **bold** and "- " bullet
 * lists), the intent it recognised, how sure it is, the sources used, 2-4 suggested next questions, a
 * comparison table when it compared careers (else null), and what matched, for debugging.
 */
public record Answer(String text, String intent, double confidence, List<SourceRef> sources,
    List<String> suggestions, Table table, List<Match> matches) {
  public Answer {
    sources = List.copyOf(sources);
    suggestions = List.copyOf(suggestions);
    matches = List.copyOf(matches);
  }

  public boolean isFallback() {
    return Intent.FALLBACK.equals(intent);
  }
}
