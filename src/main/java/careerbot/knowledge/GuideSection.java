package careerbot.knowledge;

import java.util.List;

/** A Markdown section of a career guide, with its topic (duties, pros, ...) and, for career paths, a level. */
public record GuideSection(String id, String career, String topic, String level, String title, List<String> sources,
    String body) {
  public GuideSection {
    sources = List.copyOf(sources);
  }
}
