package careerbot.answer;

import careerbot.knowledge.Career;
import careerbot.knowledge.Comparison;
import careerbot.knowledge.Disagreement;
import careerbot.knowledge.Faq;
import careerbot.knowledge.Figure;
import careerbot.knowledge.GlossaryEntry;
import careerbot.knowledge.GuideSection;
import careerbot.knowledge.IntentExamples;
import careerbot.knowledge.KnowledgeModel;
import careerbot.knowledge.Lexicon;
import careerbot.knowledge.Source;
import careerbot.knowledge.Vocabulary;
import careerbot.search.KnowledgeIndex;
import careerbot.search.Text;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes the answer for a {@link Plan}: figures by template from the model (never from free text), guide
 * sections and FAQ answers for the rest, the sources used, a comparison table, and next questions.
 * Immutable and thread-safe.
 */
final class Composer {
  private static final int SECTION_CHARS = 900;
  /** How the note on a disagreement begins; its list is the sources' sides, not an answer's items. */
  static final String DIFFER = "**Where my sources differ:**";

  private final KnowledgeModel model;
  private final KnowledgeIndex index;

  Composer(KnowledgeModel model, KnowledgeIndex index) {
    this.model = model;
    this.index = index;
  }

  /** Collects the parts of one answer. */
  private final class Out {
    final StringBuilder text = new StringBuilder();
    final Set<String> sources = new LinkedHashSet<>();
    final List<Match> matches = new ArrayList<>();
    /** The topics of the FAQs and sections used, besides the intent. */
    final Set<String> topics = new LinkedHashSet<>();
    Table table;
    /** The sources lack what was asked: the answer says so, and counts as unanswered (intent fallback). */
    boolean noData;

    Out line(String s) {
      if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') text.append('\n');
      text.append(s);
      return this;
    }

    Out para(String s) {
      if (text.length() > 0) text.append(text.charAt(text.length() - 1) == '\n' ? "\n" : "\n\n");
      text.append(s);
      return this;
    }

    /** Sources to cite first when a figure appears in several (a comparison cites its own document). */
    List<String> preferred = List.of();

    /** "$33,563 a year (comparison of ...)", recording the source. */
    String cite(Figure f) {
      String source = f.source();
      for (String p : preferred) {
        if (f.alsoIn().contains(p)) source = p;
      }
      sources.add(source);
      matches.add(new Match("figure", f.id(), 1.0));
      return sourceLabel(source);
    }

    void section(GuideSection s) {
      sources.addAll(s.sources());
      topics.add(s.topic());
      matches.add(new Match("section", s.id(), 1.0));
    }

    boolean isEmpty() {
      return text.length() == 0;
    }
  }

  Answer compose(Plan p, Understanding u) {
    Out out = new Out();
    String intent = p.intent();
    if (p.item() != null && p.item().startsWith("term|")) {
      glossary(out, p.item().substring(5));
      unsaid(out, p.item().substring(5), u);
    } else if (p.item() != null && p.item().startsWith(AnswerEngine.SAID)) {
      said(out, p, u);
    } else if (p.item() != null) {
      item(out, p, u);
    } else if (p.why()) {
      reasons(out, p.career(), intent);
    } else {
      body(out, p, u);
    }
    if (out.isEmpty()) {
      return Fallbacks.fallback("nothing", model, p.careers());
    }
    // One item of a list the last answer showed: that answer already showed where the sources differ.
    if (p.item() == null || p.item().startsWith("term|")) bothSides(out, p);
    List<SourceRef> refs = out.sources.stream()
        .map(id -> new SourceRef(id, model.source(id).map(Source::title).orElse(id)))
        .toList();
    String said = out.noData ? Intent.FALLBACK : intent;
    return new Answer(out.text.toString().strip(), said, out.noData ? 0.0 : p.confidence(), refs,
        Suggestions.after(intent, p, model), out.table, out.matches);
  }

  /** Hourly pay in a country: the sources' hourly figures are American, so elsewhere they say so plainly. */
  private void hourlyIn(Out out, String career, String country) {
    List<Figure> there = model.figures(career, "hourly").stream()
        .filter(f -> country.equals(f.place().country())).toList();
    if (!there.isEmpty()) {
      out.line("**" + name(career) + " hourly pay in " + country + "**");
      listFigures(out, there, true);
      return;
    }
    out.noData = true;
    out.para("My sources give no hourly pay for " + plural(career) + " in " + country + ", so I won't guess.");
    List<Figure> yearly = model.figures(career, "salary").stream()
        .filter(f -> country.equals(f.place().country()) && f.level() == null).toList();
    if (!yearly.isEmpty()) {
      out.para("What they do give for " + country + " is yearly pay:");
      listFigures(out, yearly, true);
    }
  }

  /**
   * "The second one": the item of the last answer's list, with what the knowledge says about it when it
   * names a glossary term or a career, else the item itself with the sources of the answer it came from.
   */
  private void item(Out out, Plan p, Understanding u) {
    int bar = p.item().indexOf('|');
    String n = p.item().substring(0, bar);
    String item = p.item().substring(bar + 1);
    out.para("Number " + n + " on that list: " + item);
    String words = " " + String.join(" ", Text.words(Text.clean(item))) + " ";
    for (GlossaryEntry g : model.glossary()) {
      if (words.contains(" " + String.join(" ", Text.words(Text.clean(g.term())))
          + " ")) {
        glossary(out, g.id());
        return;
      }
    }
    // The answer the list came from, for its sources.
    sourcesOf(out, p, u);
  }

  /** "How much does that cost?": the passages of the last answer that say it, with that answer's sources. */
  private void said(Out out, Plan p, Understanding u) {
    out.para("On that, my last answer said:");
    for (String passage : p.item().substring(AnswerEngine.SAID.length()).split("\n")) {
      out.line(passage.startsWith("- ") || passage.startsWith("* ") ? passage : "- " + passage);
    }
    sourcesOf(out, p, u);
  }

  /** The sources and matches of the answer the plan's follow-up points back at. */
  private void sourcesOf(Out out, Plan p, Understanding u) {
    Out from = new Out();
    body(from, new Plan(p.intent(), p.careers(), p.level(), p.country(), p.otherCountry(), p.usd(), p.focus(),
        p.confidence(), null), u);
    out.sources.addAll(from.sources);
    out.matches.addAll(from.matches);
  }

  /** "Why?": the passages of the topic's sections (and the ones the pack says explain it) that give reasons. */
  private void reasons(Out out, String career, String intent) {
    List<GuideSection> candidates = new ArrayList<>(model.sections(career, intent));
    for (String t : explainedBy(intent)) candidates.addAll(model.sections(career, t));
    if (candidates.isEmpty() && !Objects.equals(career, mainCareer())) {
      candidates.addAll(model.sections(mainCareer(), intent));
      for (String t : explainedBy(intent)) candidates.addAll(model.sections(mainCareer(), t));
    }
    List<String> markers = model.lexicon().reasons().stream().toList();
    GuideSection bestSection = null;
    String best = null;
    int bestScore = 0;
    for (GuideSection s : candidates) {
      for (String passage : passages(s.body())) {
        String padded = " " + String.join(" ", Text.words(Text.clean(passage, 4000)))
            + " ";
        int score = 0;
        for (String m : markers) if (padded.contains(" " + m + " ")) score++;
        if (score > bestScore) {
          bestScore = score;
          best = passage;
          bestSection = s;
        }
      }
    }
    if (best == null) {
      // With nothing on the topic to show, saying the sources lack the reason is an honest "no answer".
      if (candidates.isEmpty()) {
        out.noData = true;
        out.para("My sources don't say why.");
        return;
      }
      out.para("My sources don't say why. Here is what they say about it:");
      GuideSection s = candidates.get(0);
      out.para("**" + s.title() + "**");
      out.line(excerpt(s.body(), SECTION_CHARS));
      out.section(s);
      return;
    }
    out.para("**Why: " + bestSection.title() + "**");
    out.line(best);
    out.section(bestSection);
  }

  /** The topics whose sections explain {@code intent}, from the packs' intents.yaml (see_also). */
  private List<String> explainedBy(String intent) {
    List<String> out = new ArrayList<>();
    for (IntentExamples i : model.intents()) {
      if (intent.equals(i.intent())) for (String t : i.seeAlso()) if (!out.contains(t)) out.add(t);
    }
    return out;
  }

  /** A section's passages: its paragraphs, with each bullet of a list a passage of its own. */
  static List<String> passages(String body) {
    return Text.passages(body);
  }

  private void body(Out out, Plan p, Understanding u) {
    String intent = p.intent();
    switch (intent) {
      case "salary" -> salary(out, p.career(), u);
      case "hourly" -> {
        if (p.country() != null && !"United States".equals(p.country())) hourlyIn(out, p.career(), p.country());
        else hourly(out, p.career(), p.level());
      }
      case "salary_by_level" -> byLevel(out, p.career(), p.level());
      case "salary_by_place" -> byPlace(out, p.career(), p.country(), p.otherCountry(), p.usd());
      case "top_paying" -> topPaying(out, p.career());
      case "growth" -> figuresOnly(out, p.career(), "Job growth", List.of("growth"));
      case "jobs" -> figuresOnly(out, p.career(), "Jobs", List.of("jobs", "annual_openings"));
      case "education" -> education(out, p.career());
      case "skills" -> skills(out, p.career(), u);
      case "employers" -> figuresThenSection(out, p.career(), "Top employers", List.of("employer_jobs"), "employers");
      case "demographics" -> figuresOnly(out, p.career(), "Who does this work",
          List.of("age", "gender_share", "race_share", "lgbt_share"));
      case "experience" -> figuresOnly(out, p.career(), "Experience", List.of("experience_years"));
      case "time_to_become" -> timeToBecome(out, p.career());
      case "career_path" -> careerPath(out, p.career(), p.level(), u);
      case "comparison" -> comparison(out, p.careers().get(0), p.careers().get(1), p.focus());
      case "glossary" -> {
        glossary(out, u.glossary());
        unsaid(out, u.glossary(), u);
      }
      case "certifications" -> certifications(out, p.career());
      default -> topic(out, p.career(), intent, u);
    }
  }

  // ---- pay ----

  private void salary(Out out, String career, Understanding u) {
    if (u.words().stream().anyMatch(w -> w.startsWith("month") || w.startsWith("week") || w.equals("biweekly"))) {
      out.para("My sources give yearly and hourly figures, not monthly or weekly ones, so here they are as stated.");
    }
    List<Figure> general = general(career, "salary");
    if (general.isEmpty()) {
      List<Figure> industry = model.figures(career, "industry_salary");
      if (industry.isEmpty()) {
        notAvailable(out, career, "yearly salary");
        return;
      }
      out.line("**" + name(career) + " pay**");
      for (Figure f : industry) {
        out.line("- In their best-paying industry (" + f.subject() + "), the average is **" + Format.value(f)
            + "** (" + out.cite(f) + ").");
      }
      out.para("That is the only pay figure my sources give for " + plural(career) + ".");
      return;
    }
    out.line("**" + name(career) + " salary**");
    listFigures(out, general, true);
    List<Figure> hourly = general(career, "hourly");
    if (!hourly.isEmpty()) {
      Figure h = hourly.get(0);
      String stat = Format.statLabel(h);
      out.para("Hourly rate: **" + Format.value(h) + "** (" + (stat.isEmpty() ? "" : stat + ", ") + out.cite(h)
          + ").");
    }
    disagreementNote(out, general);
  }

  private void hourly(Out out, String career, String level) {
    List<Figure> all = model.figures(career, "hourly");
    if (all.isEmpty()) {
      notAvailable(out, career, "hourly pay");
      List<Figure> yearly = general(career, "salary");
      if (!yearly.isEmpty()) {
        out.para("Their yearly pay, for reference:");
        listFigures(out, yearly, false);
      }
      return;
    }
    out.line("**" + name(career) + " hourly pay**");
    List<Figure> chosen = all;
    if (level != null) {
      String want = level.equals("junior") || level.equals("entry") ? "entry" : "experienced";
      List<Figure> at = all.stream().filter(f -> want.equals(f.level())).toList();
      if (!at.isEmpty()) chosen = at;
    }
    listFigures(out, chosen, true);
  }

  private void byLevel(Out out, String career, String level) {
    List<Figure> levelled = model.figures(career, "salary").stream().filter(f -> f.level() != null).toList();
    if (levelled.isEmpty()) {
      out.noData = true;
      out.para("My sources don't break " + name(career) + " pay down by level.");
      List<Figure> general = general(career, "salary");
      if (!general.isEmpty()) {
        out.para("Overall pay:");
        listFigures(out, general, true);
      }
      return;
    }
    if (level != null) {
      String want = level.equals("entry") ? "junior" : level.equals("experienced") ? "senior" : level;
      List<Figure> at = levelled.stream().filter(f -> want.equals(f.level())).toList();
      if (!at.isEmpty()) {
        out.line("**" + Format.capitalize(Vocabulary.LEVELS.get(want)) + " " + name(career) + " pay**");
        listFigures(out, at, true);
        for (Figure y : model.figures(career, "level_years")) {
          if (want.equals(y.level())) {
            out.para("The career path puts this level at **" + Format.value(y) + "** (" + out.cite(y) + ").");
          }
        }
        return;
      }
    }
    String where = levelled.stream().map(f -> f.place().label()).filter(Objects::nonNull).distinct()
        .reduce((x, y) -> x + ", " + y).orElse(null);
    out.line("**" + name(career) + " pay by experience level" + (where == null ? "" : " (" + where + ")") + "**");
    List<String> levels = levelled.stream().map(Figure::level).distinct().toList();
    List<List<String>> rows = new ArrayList<>();
    for (String l : levels) {
      List<Figure> at = levelled.stream().filter(f -> l.equals(f.level())).toList();
      String median = at.stream().filter(f -> "median".equals(f.stat())).map(Format::value).findFirst().orElse("-");
      String average = at.stream().filter(f -> "average".equals(f.stat())).map(Format::value).findFirst().orElse("-");
      rows.add(List.of(Format.capitalize(Vocabulary.LEVELS.get(l)), median, average));
      out.line("- " + Format.capitalize(Vocabulary.LEVELS.get(l)) + ": median " + median + ", average " + average);
      at.forEach(out::cite);
    }
    out.table = new Table(name(career) + " pay by level", List.of("Level", "Median", "Average"), rows);
    out.para("Source: " + sourceLabel(levelled.get(0).source()) + ".");
  }

  private void byPlace(Out out, String career, String country, String otherCountry, boolean usd) {
    // Pay by level carries a place too (the US); the country list is of the overall figures.
    List<Figure> placed = model.figures(career, "salary").stream()
        .filter(f -> f.place().country() != null && f.level() == null).toList();
    if (placed.isEmpty()) {
      notAvailable(out, career, "pay by country");
      return;
    }
    List<String> have = placed.stream().map(f -> f.place().country()).distinct().toList();
    if (country == null && otherCountry != null) {
      out.noData = true;
      out.para("I don't have " + name(career) + " pay figures for " + otherCountry + ". My sources cover "
          + String.join(", ", have) + ".");
      return;
    }
    if (country != null) {
      List<Figure> here = placed.stream().filter(f -> country.equals(f.place().country())).toList();
      if (!here.isEmpty()) {
        out.line("**" + name(career) + " pay in " + country + "**");
        for (Figure f : here) {
          String conv = Format.usd(f);
          String local = Format.value(f);
          if (usd && conv != null) {
            out.line("- **" + conv + "** a year in US dollars (" + local + " in local currency; " + out.cite(f) + ")");
          } else {
            out.line("- **" + local + "**" + (conv != null ? " (about " + conv + " USD)" : "") + " (" + out.cite(f)
                + ")");
          }
        }
        if (usd && here.stream().allMatch(f -> Format.usd(f) == null && !"USD".equals(f.currency()))) {
          out.para("My source gives no US-dollar conversion for this figure, so I won't guess one.");
        }
        if ("United States".equals(country)) {
          // The headline US figures (average, median) are national figures too.
          List<Figure> national = general(career, "salary").stream().filter(f -> !f.isRange()).toList();
          if (!national.isEmpty()) {
            out.para("Nationally:");
            listFigures(out, national, true);
          }
        }
        return;
      }
    }
    out.line("**" + name(career) + " pay around the world**");
    List<List<String>> rows = new ArrayList<>();
    for (Figure f : placed) {
      String conv = Format.usd(f);
      rows.add(List.of(f.place().country(), Format.value(f), conv == null ? "-" : conv));
      out.line("- " + f.place().country() + ": " + Format.value(f)
          + (conv != null && !"USD".equals(f.currency()) ? " (about " + conv + " USD)" : ""));
      out.cite(f);
    }
    out.table = new Table(name(career) + " pay by country", List.of("Country", "Local currency", "In USD"), rows);
    out.para("Source: " + sourceLabel(placed.get(0).source()) + ".");
  }

  private void topPaying(Out out, String career) {
    List<Figure> figs = new ArrayList<>();
    for (String m : List.of("highest_paying_city", "highest_paying_state", "best_paying_company",
        "best_paying_industry", "industry_salary")) {
      figs.addAll(model.figures(career, m));
    }
    if (figs.isEmpty()) {
      notAvailable(out, career, "highest-paying places and employers");
      return;
    }
    out.line("**Where " + plural(career) + " earn the most**");
    for (Figure f : figs) {
      String label = "industry_salary".equals(f.metric())
          ? "Average in the best-paying industry (" + f.subject() + ")"
          : Format.capitalize(Vocabulary.METRICS.get(f.metric()));
      out.line("- " + label + ": **" + Format.value(f) + "** (" + out.cite(f) + ")");
    }
  }

  // ---- other figures ----

  private void figuresOnly(Out out, String career, String title, List<String> metrics) {
    List<Figure> figs = new ArrayList<>();
    for (String m : metrics) figs.addAll(model.figures(career, m));
    if (figs.isEmpty()) {
      notAvailable(out, career, title.toLowerCase(Locale.ROOT));
      return;
    }
    out.line("**" + title + ": " + name(career) + "**");
    for (Figure f : figs) out.line("- " + describe(f) + " (" + out.cite(f) + ")");
    disagreementNote(out, figs);
  }

  private void figuresThenSection(Out out, String career, String title, List<String> metrics, String topic) {
    List<Figure> figs = new ArrayList<>();
    for (String m : metrics) figs.addAll(model.figures(career, m));
    if (!figs.isEmpty()) {
      out.line("**" + title + ": " + name(career) + "**");
      for (Figure f : figs) out.line("- " + describe(f) + " (" + out.cite(f) + ")");
    }
    if (figs.isEmpty()) sectionText(out, career, topic, null);
  }

  private void education(Out out, String career) {
    List<GuideSection> sections = model.sections(career, "education");
    if (!sections.isEmpty()) {
      out.section(sections.get(0));
      out.para(firstParagraph(sections.get(0).body()));
    }
    List<Figure> figs = new ArrayList<>();
    for (String m : List.of("degree_share", "major", "college", "degree_likelihood", "education_cost",
        "program_length")) {
      figs.addAll(model.figures(career, m));
    }
    if (!figs.isEmpty()) {
      out.para("**The figures**");
      for (Figure f : figs) out.line("- " + describe(f) + " (" + out.cite(f) + ")");
    }
    if (out.isEmpty()) notAvailable(out, career, "education figures");
  }

  private void skills(Out out, String career, Understanding u) {
    List<Figure> figs = model.figures(career, "skill_share");
    Figure asked = null;
    String joined = " " + String.join(" ", u.words()) + " ";
    // The career's own name ("patient service specialist") must not read as the skill "patient service".
    for (Career c : model.careers().values()) {
      for (String n : careerNames(c)) joined = joined.replace(" " + n + " ", " ");
    }
    for (Figure f : figs) {
      if (f.subject() != null && joined.contains(" " + f.subject().toLowerCase(Locale.ROOT) + " ")) {
        if (asked == null || f.subject().length() > asked.subject().length()) asked = f;
      }
    }
    if (asked != null) {
      out.para("**" + asked.subject() + "** appears on **" + Format.value(asked) + "** of " + name(career)
          + " resumes (" + out.cite(asked) + ").");
      if (asked.example() != null) out.para("In practice: " + asked.example());
      return;
    }
    boolean soft = u.words().contains("soft");
    boolean technical = u.words().contains("technical") || u.words().contains("hard");
    if (soft || technical) {
      if (sectionText(out, career, soft ? "soft_skills" : "technical_skills", null)) return;
    }
    // A question naming a particular skill ("medical terminology", "empathy") gets the section that has it.
    String particular = u.words().stream().filter(w -> !GENERIC_SKILL_WORDS.contains(w))
        .collect(Collectors.joining(" "));
    for (KnowledgeIndex.Hit h : index.closest(particular, "section", career)) {
      if (h.coverage() < 0.5) break;
      if (h.topic().equals("soft_skills") || h.topic().equals("technical_skills")) {
        if (sectionText(out, career, h.topic(), null)) return;
      }
    }
    if (!figs.isEmpty()) {
      out.line("**Top skills on " + name(career) + " resumes**");
      for (Figure f : figs) out.line("- " + f.subject() + ": " + Format.value(f) + " (" + out.cite(f) + ")");
      List<GuideSection> softSections = model.sections(career, "soft_skills");
      if (!softSections.isEmpty()) {
        out.para("Soft skills matter too: see " + softSections.get(0).title().toLowerCase(Locale.ROOT) + ".");
        out.section(softSections.get(0));
      }
      return;
    }
    Comparison c = comparisonWithSkills(career);
    if (c != null) {
      out.line("**Skills that set " + plural(career) + " apart**");
      out.line("- " + String.join(", ", c.skills().get(career)));
      out.sources.addAll(c.sources());
      return;
    }
    sectionText(out, career, "skills", null);
  }

  private static List<String> careerNames(Career c) {
    List<String> names = new ArrayList<>();
    names.add(String.join(" ", Text.words(Text.clean(c.name()))));
    if (c.plural() != null) names.add(String.join(" ", Text.words(Text.clean(c.plural()))));
    for (String a : c.aliases()) names.add(String.join(" ", Text.words(Text.clean(a))));
    names.sort((x, y) -> y.length() - x.length());
    return names;
  }

  /** Words any skills question has; they say nothing about which skill. */
  private static final Set<String> GENERIC_SKILL_WORDS = Set.of("skill", "skills", "need", "needs", "needed",
      "important", "required", "require", "top", "best", "key", "main", "most", "common", "what", "which", "ability",
      "abilities", "good", "have", "should", "does", "do", "know", "list");

  private Comparison comparisonWithSkills(String career) {
    for (Comparison c : model.comparisons()) {
      if (c.skills().containsKey(career) && !c.skills().get(career).isEmpty()) return c;
    }
    return null;
  }

  private void timeToBecome(Out out, String career) {
    List<Figure> figs = model.figures(career, "time_to_become");
    if (!figs.isEmpty()) {
      out.line("**How long it takes to become a " + name(career) + "**");
      for (Figure f : figs) out.line("- " + describe(f) + " (" + out.cite(f) + ")");
      List<Figure> programs = model.figures(career, "program_length");
      for (Figure f : programs) out.line("- Training: " + describe(f) + " (" + out.cite(f) + ")");
      disagreementNote(out, figs);
      return;
    }
    sectionText(out, career, "time_to_become", null);
  }

  private void careerPath(Out out, String career, String level, Understanding u) {
    List<GuideSection> sections = model.sections(career, "career_path");
    List<String> order = List.of("junior", "mid", "senior", "lead");
    List<String> levels = order.stream()
        .filter(l -> find(sections, l) != null || model.figures(career, "level_years").stream()
            .anyMatch(f -> l.equals(f.level())))
        .toList();
    if (levels.isEmpty()) {
      if (!sectionText(out, career, "career_path", null)) notAvailable(out, career, "career path");
      return;
    }
    if (level != null && levels.contains(level)) {
      int i = levels.indexOf(level);
      step(out, career, level, true);
      if (i + 1 < levels.size()) {
        out.para("**Next step:**");
        step(out, career, levels.get(i + 1), true);
      } else {
        out.para("That is the top of the ladder in my sources.");
        beyondLadder(out, sections, null);
      }
      return;
    }
    out.line("**The " + name(career) + " career path**");
    for (String l : levels) step(out, career, l, false);
    beyondLadder(out, sections, u);
  }

  /**
   * What the career's general path section says past the ladder's rungs (ways up, sideways moves, study):
   * its passages after the first, which restates the ladder; the one the question asks about first.
   */
  private void beyondLadder(Out out, List<GuideSection> sections, Understanding u) {
    GuideSection general = sections.stream().filter(s -> s.level() == null).findFirst().orElse(null);
    if (general == null) return;
    List<String> passages = passages(general.body());
    if (passages.size() < 2) return;
    List<String> rest = new ArrayList<>(passages.subList(1, passages.size()));
    String asked = u == null ? null : closestPassage(general, u);
    if (asked != null && rest.remove(asked)) rest.add(0, asked);
    out.para(passages.get(0).endsWith(":") ? passages.get(0).substring(passages.get(0).lastIndexOf(". ") + 2)
        : "**" + general.title() + "**");
    for (String r : rest) out.line(r.startsWith("- ") || r.startsWith("* ") ? r : "- " + r);
    out.section(general);
  }

  /** One rung of the ladder: its title, years, and what the work is. */
  private void step(Out out, String career, String level, boolean full) {
    GuideSection s = find(model.sections(career, "career_path"), level);
    String title = s != null ? s.title() : Format.capitalize(Vocabulary.LEVELS.get(level)) + " " + name(career);
    String years = years(career, level, out);
    if (s != null) out.section(s);
    if (full) {
      out.line("**" + title + "**" + years);
      if (s != null) out.line(excerpt(s.body(), 500));
    } else {
      out.line("- **" + title + "**" + years + (s != null ? ": " + gist(s.body()) : ""));
    }
  }

  private String years(String career, String level, Out out) {
    for (Figure y : model.figures(career, "level_years")) {
      if (level.equals(y.level())) {
        out.cite(y);
        return " (" + Format.value(y) + ")";
      }
    }
    return "";
  }

  private static GuideSection find(List<GuideSection> sections, String level) {
    return sections.stream().filter(s -> level.equals(s.level())).findFirst().orElse(null);
  }

  // ---- comparisons ----

  private static final List<String> COMPARE_METRICS = List.of("salary", "hourly", "growth", "jobs", "satisfaction",
      "degree_share", "major", "college", "age", "experience_years", "highest_paying_city", "highest_paying_state",
      "best_paying_company", "best_paying_industry", "industry_salary", "gender_share", "lgbt_share",
      "time_to_become", "degree_likelihood");

  private void comparison(Out out, String a, String b, String focus) {
    Comparison c = model.comparison(a, b).orElse(null);
    if (c != null) out.preferred = c.sources();
    List<List<String>> rows = new ArrayList<>();
    List<String> lead = new ArrayList<>();
    for (String metric : COMPARE_METRICS) {
      List<Figure> fa = compareFigures(a, metric);
      List<Figure> fb = compareFigures(b, metric);
      if (fa.isEmpty() && fb.isEmpty()) continue;
      if ("salary".equals(metric)) {
        addRow(rows, out, "Average salary", pick(fa, "average"), pick(fb, "average"));
        addRow(rows, out, "Salary range", pick(fa, "range"), pick(fb, "range"));
      } else if ("gender_share".equals(metric) || "degree_likelihood".equals(metric)) {
        for (String subject : subjects(fa, fb)) {
          addRow(rows, out, Format.capitalize(Vocabulary.METRICS.get(metric)) + ": " + subject,
              bySubject(fa, subject), bySubject(fb, subject));
        }
      } else {
        addRow(rows, out, Format.capitalize(Vocabulary.METRICS.get(metric)), first(fa), first(fb));
      }
      if (focus != null && focus.equals(metric)) {
        Figure x = "salary".equals(metric) ? pick(fa, "average") : first(fa);
        Figure y = "salary".equals(metric) ? pick(fb, "average") : first(fb);
        lead.add("**" + Format.capitalize(Vocabulary.METRICS.get(metric)) + "**: " + plural(a) + " "
            + (x == null ? "no figure" : Format.value(x)) + ", " + plural(b) + " "
            + (y == null ? "no figure" : Format.value(y)) + ".");
      }
    }
    out.line("**" + name(a) + " vs " + name(b) + "**");
    if (!lead.isEmpty()) out.para(String.join("\n", lead));
    if (c != null) {
      out.para(c.summary());
      out.sources.addAll(c.sources());
      out.matches.add(new Match("comparison", c.id(), 1.0));
    }
    if (!rows.isEmpty()) {
      // The headline figures in the text too, for channels that show no table.
      List<String> headline = rows.stream().limit(lead.isEmpty() ? 4 : 3)
          .map(r -> "- " + r.get(0) + ": " + r.get(1) + " vs " + r.get(2)).toList();
      out.para(String.join("\n", headline));
      out.table = new Table(name(a) + " vs " + name(b), List.of("", name(a), name(b)), rows);
    }
    if (c != null && !c.skills().isEmpty()) {
      StringBuilder s = new StringBuilder("**Skills that set them apart**");
      for (String career : List.of(a, b)) {
        List<String> skills = c.skills().get(career);
        if (skills != null && !skills.isEmpty()) {
          s.append("\n- ").append(name(career)).append(": ").append(String.join(", ", skills));
        }
      }
      out.para(s.toString());
    }
    if (c != null && !c.differences().isEmpty()) {
      StringBuilder d = new StringBuilder("**Other differences**");
      c.differences().stream().limit(3).forEach(x -> d.append("\n- ").append(x));
      out.para(d.toString());
    }
    if (rows.isEmpty() && c == null) {
      out.para("My sources have no figures to compare these two careers.");
    }
  }

  /** Figures of a career for a metric with no level and no place: the ones a side-by-side table shows. */
  private List<Figure> compareFigures(String career, String metric) {
    return model.figures(career, metric).stream()
        .filter(f -> f.level() == null && f.place().isEmpty()).toList();
  }

  private static Figure pick(List<Figure> figs, String stat) {
    return figs.stream().filter(f -> stat.equals(f.stat())).findFirst().orElse(null);
  }

  private static Figure first(List<Figure> figs) {
    return figs.isEmpty() ? null : figs.get(0);
  }

  private static List<String> subjects(List<Figure> a, List<Figure> b) {
    Set<String> s = new LinkedHashSet<>();
    a.forEach(f -> s.add(f.subject()));
    b.forEach(f -> s.add(f.subject()));
    s.remove(null);
    return List.copyOf(s);
  }

  private static Figure bySubject(List<Figure> figs, String subject) {
    return figs.stream().filter(f -> subject.equals(f.subject())).findFirst().orElse(null);
  }

  private void addRow(List<List<String>> rows, Out out, String label, Figure x, Figure y) {
    if (x == null && y == null) return;
    rows.add(List.of(label, cell(x), cell(y)));
    if (x != null) out.cite(x);
    if (y != null) out.cite(y);
  }

  private static String cell(Figure f) {
    if (f == null) return "-";
    String v = Format.value(f);
    if (f.subject() != null && ("degree_share".equals(f.metric()) || "industry_salary".equals(f.metric()))) {
      v = f.subject() + ", " + v;
    }
    return v;
  }

  // ---- words ----

  private void glossary(Out out, String id) {
    GlossaryEntry g = model.glossary().stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
    if (g == null) return;
    out.para(glossaryHead(g) + ": " + g.definition());
    if (hasName(g) && !g.nameFrom().equals(g.source())) {
      out.para("Full name: " + g.name() + " (" + sourceLabel(g.nameFrom()) + ").");
    }
    if (g.issuer() != null) out.para("Issued by: " + g.issuer() + ".");
    if (g.general() != null) out.para(Format.capitalize(sourceLabel(g.generalSource())) + ": " + g.general());
    out.sources.addAll(g.sources());
    out.matches.add(new Match("glossary", g.id(), 1.0));
  }

  /**
   * "Who awards the CPSS?" when the entry does not say: what the question asks (the vocabulary's asks) that
   * the entry's text has no word for is said to be missing, and the answer counts as unanswered.
   */
  private void unsaid(Out out, String id, Understanding u) {
    GlossaryEntry g = model.glossary().stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
    if (g == null || u == null) return;
    String words = " " + String.join(" ", u.words()) + " ";
    Set<String> has = Recognizer.roots(g.text());
    for (Lexicon.Asks a : model.lexicon().asks()) {
      if (a.missing() == null || a.question().stream().noneMatch(q -> words.contains(" " + q + " "))) continue;
      if (a.answer().stream().map(Recognizer::root).noneMatch(has::contains)) {
        out.para("My sources don't say " + a.missing().replace("{term}", g.term()) + ".");
        out.noData = true;
        return;
      }
    }
  }

  private void certifications(Out out, String career) {
    boolean any = sectionText(out, career, "certifications", null);
    if (!any) {
      List<GlossaryEntry> certs = model.glossary().stream().filter(g -> "certification".equals(g.kind())).toList();
      if (certs.isEmpty()) return;
      out.line("**Certifications**");
      for (GlossaryEntry g : certs) {
        out.line("- " + glossaryHead(g) + ": " + g.definition());
        out.sources.add(g.source());
      }
    }
  }

  private static boolean hasName(GlossaryEntry g) {
    return g.name() != null && !g.name().equalsIgnoreCase(g.term());
  }

  /** "**CMAA** (Certified Medical Administrative Assistant)", the name only when the definition's source gives it. */
  private static String glossaryHead(GlossaryEntry g) {
    return "**" + g.term() + "**" + (hasName(g) && g.nameFrom().equals(g.source()) ? " (" + g.name() + ")" : "");
  }

  /** A topic answered from the guide: the best FAQ when it fits the question closely, else the section. */
  private void topic(Out out, String career, String topic, Understanding u) {
    Faq faq = bestFaq(career, topic, u);
    if (faq != null) {
      out.para(faq.answer().strip());
      out.sources.addAll(faq.sources());
      out.topics.add(faq.topic());
      out.matches.add(new Match("faq", faq.id(), 1.0));
      return;
    }
    if (sectionText(out, career, topic, u)) return;
    if ("overview".equals(topic) || "duties".equals(topic)) {
      Career c = model.careers().get(career);
      if (c != null) {
        out.para("**" + c.name() + "**: " + c.summary());
        out.sources.add(c.source());
        return;
      }
    }
    String main = mainCareer();
    if (!Objects.equals(career, main) && !model.sections(main, topic).isEmpty()) {
      out.para("My sources don't cover that for " + plural(career) + "; here is what they say for "
          + plural(main) + ".");
      sectionText(out, main, topic, u);
      return;
    }
    notAvailable(out, career, topic.replace('_', ' '));
  }

  private Faq bestFaq(String career, String topic, Understanding u) {
    if (u == null) return null;
    for (KnowledgeIndex.Hit h : index.closest(u.cleaned(), "faq", career)) {
      if (h.coverage() >= 0.6 && topic.equals(h.topic())) {
        return model.faqs().stream().filter(f -> f.id().equals(h.id())).findFirst().orElse(null);
      }
    }
    return null;
  }

  private boolean sectionText(Out out, String career, String topic, Understanding u) {
    List<GuideSection> sections = model.sections(career, topic);
    if (sections.isEmpty()) return false;
    GuideSection s = sections.get(0);
    if (sections.size() > 1 && u != null) {
      for (KnowledgeIndex.Hit h : index.closest(u.cleaned(), "section", career)) {
        GuideSection match = sections.stream().filter(x -> x.id().equals(h.id())).findFirst().orElse(null);
        if (match != null) {
          s = match;
          break;
        }
      }
    }
    out.para("**" + s.title() + "**");
    String lead = u == null ? null : closestPassage(s, u);
    if (lead == null) {
      out.line(excerpt(s.body(), SECTION_CHARS));
    } else {
      // A narrow question gets its passage first, then the rest of the section as far as it fits.
      out.line(lead);
      StringBuilder rest = new StringBuilder();
      for (String passage : passages(s.body())) {
        if (passage.equals(lead)) continue;
        rest.append(passage.startsWith("- ") || passage.startsWith("* ") ? "" : "\n").append(passage).append('\n');
      }
      String more = excerpt(rest.toString(), Math.max(0, SECTION_CHARS - lead.length()));
      if (!more.isBlank() && more.length() < rest.toString().strip().length() + 1) out.para(more);
    }
    out.section(s);
    return true;
  }

  /**
   * The passage of {@code s} a narrow question asks about, or null when the question is broad: its words
   * that the section's passages use rarely (weighted by how rare), best passage not the first.
   */
  private String closestPassage(GuideSection s, Understanding u) {
    List<String> passages = passages(s.body());
    if (passages.size() < 3) return null;
    Lexicon lex = model.lexicon();
    // The words of the section's title and topic say what the whole section is about, not which passage.
    Set<String> title = Recognizer.roots(s.title() + " " + String.valueOf(s.topic()).replace('_', ' '));
    Set<String> asked = new HashSet<>();
    for (String w : u.words()) {
      if (w.length() < 3 || lex.plainWords().contains(w) || lex.followUp().contains(w)) continue;
      if (!title.contains(Recognizer.root(w))) asked.add(Recognizer.root(w));
    }
    if (asked.isEmpty()) return null;
    List<Set<String>> roots = new ArrayList<>();
    for (String p : passages) roots.add(Recognizer.roots(p));
    double best = 0;
    int at = -1;
    for (int i = 0; i < passages.size(); i++) {
      double score = 0;
      for (String a : asked) {
        if (!roots.get(i).contains(a)) continue;
        long in = roots.stream().filter(r -> r.contains(a)).count();
        if (in * 2 > passages.size()) continue;
        score += Math.log((double) passages.size() / in);
      }
      if (score > best) {
        best = score;
        at = i;
      }
    }
    if (at < 0) return null;
    // The question asks something narrow. With sentence vectors, which passage is ranked by fusing the
    // words' BM25 rank with the meaning's nearest-vector rank (in the index); the lead passage means broad.
    List<Integer> ranked = index.rankPassages(s.id(), u.cleaned(), u.vector());
    if (!ranked.isEmpty() && ranked.get(0) < passages.size()) at = ranked.get(0);
    return at > 0 ? passages.get(at) : null;
  }

  // ---- helpers ----

  private void listFigures(Out out, List<Figure> figs, boolean bold) {
    for (Figure f : figs) {
      String stat = Format.statLabel(f);
      String label = stat.isEmpty() ? "" : Format.capitalize(stat) + ": ";
      String v = bold ? "**" + Format.value(f) + "**" : Format.value(f);
      List<String> qualifiers = new ArrayList<>();
      if (f.level() != null) qualifiers.add(Vocabulary.LEVELS.get(f.level()));
      if (f.place().label() != null) qualifiers.add(f.place().label());
      String lvl = qualifiers.isEmpty() ? "" : " (" + String.join(", ", qualifiers) + ")";
      String note = f.note() != null ? "; " + f.note() : "";
      out.line("- " + label + v + lvl + " (" + out.cite(f) + note + ")");
    }
  }

  private void disagreementNote(Out out, List<Figure> figs) {
    long sources = figs.stream().map(Figure::source).distinct().count();
    if (sources > 1) {
      out.para("My sources disagree here, so I show each figure with where it comes from rather than picking one.");
    }
  }

  /**
   * Both sides of every disagreement the pack lists for this answer's topics and careers: when a side is not
   * already in the answer (its figure's numbers and source, or its statement's phrase and source), the
   * answer ends with every side, each with its source.
   */
  private void bothSides(Out out, Plan p) {
    Set<String> topics = new LinkedHashSet<>(out.topics);
    topics.add(p.intent());
    if (p.focus() != null) topics.add(p.focus());
    for (Disagreement d : model.disagreements()) {
      if (!p.careers().contains(d.career()) || d.topics().stream().noneMatch(topics::contains)) continue;
      if (d.sides().stream().allMatch(side -> shown(out, side))) continue;
      StringBuilder b = new StringBuilder(DIFFER + " " + d.note());
      for (Disagreement.Side side : d.sides()) {
        String label = side.label() == null ? "" : side.label() + ": ";
        if (side.figure() != null) {
          Figure f = model.figure(side.figure()).orElse(null);
          if (f == null) continue;
          b.append("\n- ").append(label).append("**").append(Format.value(f)).append("**")
              .append(f.period() != null ? ", " + f.period() : "").append(" (").append(out.cite(f)).append(")");
        } else {
          out.sources.add(side.source());
          b.append("\n- ").append(label).append(side.says()).append(" (").append(sourceLabel(side.source())).append(")");
        }
      }
      out.para(b.toString());
      out.matches.add(new Match("disagreement", d.id(), 1.0));
    }
  }

  /** Is this side of a disagreement already in the answer, with its source? */
  private boolean shown(Out out, Disagreement.Side side) {
    String text = out.text.toString();
    if (side.figure() == null) {
      return side.match() != null && text.toLowerCase(Locale.ROOT).contains(side.match().toLowerCase(Locale.ROOT))
          && out.sources.contains(side.source());
    }
    Figure f = model.figure(side.figure()).orElse(null);
    if (f == null) return true;
    boolean cited = out.sources.contains(f.source()) || f.alsoIn().stream().anyMatch(out.sources::contains);
    if (!cited) return false;
    if (f.isText()) return text.toLowerCase(Locale.ROOT).contains(f.text().toLowerCase(Locale.ROOT));
    String plain = text.replace(",", "");
    List<Double> numbers = f.isRange() ? List.of(f.low(), f.high()) : f.value() == null ? List.of() : List.of(f.value());
    for (Double n : numbers) {
      String want = Format.number(Math.abs(n)).replace(",", "");
      if (!Pattern.compile("(?<![\\d.])" + Pattern.quote(want) + "(?![\\d]|\\.\\d)")
          .matcher(plain).find()) {
        return false;
      }
    }
    return true;
  }

  /** One figure as a sentence fragment: "Average age: 40", "Select Medical: 316 open jobs". */
  private String describe(Figure f) {
    String v = Format.value(f);
    String metric = f.metric();
    String subject = f.subject();
    String text = switch (metric) {
      case "employer_jobs" -> subject + ": **" + v + "** " + name(f.career()).toLowerCase(Locale.ROOT) + " jobs";
      case "skill_share" -> subject + ": " + v;
      case "gender_share", "race_share" -> subject + ": **" + v + "**";
      case "degree_likelihood" -> "**" + v + "** to hold a " + subject + " than " + plural(mainCareer());
      case "education_cost" -> (subject != null ? subject + ": costs " : "Costs ") + "**" + v + "**";
      case "program_length" -> (subject != null ? subject + ": takes " : "Takes ") + "**" + v + "**";
      case "time_to_become" -> (subject != null ? subject + ": " : "") + "**" + v + "**";
      case "industry_salary" -> "In " + subject + ": **" + v + "**";
      case "degree_share" -> Format.capitalize(Vocabulary.METRICS.get(metric)) + ": **" + subject + ", " + v + "**";
      default -> Format.capitalize(Vocabulary.METRICS.get(metric)) + (subject != null ? " (" + subject + ")" : "")
          + ": **" + v + "**";
    };
    if ("average".equals(f.stat()) || "median".equals(f.stat())) {
      if (!text.toLowerCase(Locale.ROOT).contains(f.stat())) text += " (" + f.stat() + ")";
    }
    if (f.level() != null) text += " for " + Vocabulary.LEVELS.get(f.level());
    if (f.period() != null) text += ", " + f.period();
    if (f.note() != null) text += "; " + f.note();
    return text;
  }

  private void notAvailable(Out out, String career, String what) {
    out.noData = true;
    out.para("My sources don't give " + what + " for " + plural(career) + ", so I won't guess.");
  }

  String sourceLabel(String id) {
    return model.source(id).map(Source::label).orElse(id);
  }

  private List<Figure> general(String career, String metric) {
    return model.figures(career, metric).stream().filter(f -> f.level() == null && f.place().isEmpty()).toList();
  }

  String name(String career) {
    Career c = model.careers().get(career);
    return c == null ? career : c.name();
  }

  String plural(String career) {
    Career c = model.careers().get(career);
    return c == null ? career : c.pluralName();
  }

  String mainCareer() {
    return model.mainCareer();
  }

  static String firstParagraph(String body) {
    String[] parts = body.strip().split("\n\\s*\n", 2);
    return parts[0].strip();
  }

  static String firstSentence(String body) {
    String p = firstParagraph(body).replaceAll("^[#>*\\-\\s]+", "");
    int dot = p.indexOf(". ");
    return dot > 0 ? p.substring(0, dot + 1) : p;
  }

  /**
   * The first sentence of the first paragraph that says something: a short opening line (such as one
   * restating the years already shown) is passed over, and a bold label opening it is dropped.
   */
  static String gist(String body) {
    for (String p : passages(body)) {
      String t = p.replaceAll("^\\*\\*[^*]{1,40}:\\*\\*\\s*", "");
      if (t.split("\\s+").length >= 8) return firstSentence(t);
    }
    return firstSentence(body);
  }

  /** The section's opening blocks up to about {@code max} characters, cut between blocks or list items. */
  static String excerpt(String body, int max) {
    String b = body.strip();
    if (b.length() <= max) return b;
    StringBuilder out = new StringBuilder();
    boolean inList = false;
    for (String line : b.split("\n")) {
      String t = line.strip();
      boolean item = t.startsWith("- ") || t.startsWith("* ") || t.matches("\\d{1,2}\\. .*");
      boolean goesOn = inList && !t.isEmpty() && !item && line.startsWith(" ");
      // A list once begun is shown to its end (up to twice the room): "seven steps" then four would mislead.
      int room = inList && (item || goesOn) ? 2 * max : max;
      if (out.length() + line.length() > room && out.length() > 0) break;
      out.append(line).append('\n');
      inList = item || goesOn;
    }
    return out.toString().strip();
  }
}
