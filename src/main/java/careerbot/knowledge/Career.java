package careerbot.knowledge;

import java.util.List;
import java.util.Locale;

/**
 * A career the bot can talk about. {@code aliases} are the other names users type for it, lower case.
 */
public record Career(String id, String name, String plural, List<String> aliases, String summary, String source,
    String pack) {
  public Career {
    aliases = List.copyOf(aliases);
  }

  /** How a sentence names several: the pack's plural, or the name in lower case with an s. */
  public String pluralName() {
    return plural != null ? plural : name.toLowerCase(Locale.ROOT) + "s";
  }
}
