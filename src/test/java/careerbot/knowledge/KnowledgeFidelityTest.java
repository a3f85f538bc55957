package careerbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The prose of the shipped knowledge says no number the figures don't hold: every number written in a
 * guide section, FAQ, comparison, glossary entry, career summary or disagreement note must be a figure
 * (value, range end, stated USD conversion or period year) whose source, or one of its {@code also_in}
 * sources, is among the sources of the text it appears in. The same idea as
 * {@code careerbot.eval.NumberTraceabilityTest}, applied to the knowledge itself rather than to replies.
 */
class KnowledgeFidelityTest {
  private static final Pattern NUMBER = Pattern.compile("\\d[\\d,]*(?:\\.\\d+)?");
  /** Markdown list numbers ("1. Learn ...") are not figures. */
  private static final Pattern LIST_MARKER = Pattern.compile("(?m)^\\s*\\d+\\.\\s");
  /** Names with digits in them that are not figures; glossary terms (ICD-10) are added at load. */
  private static final List<String> NAMES = List.of("401(k)");
  /** Words that mark a number as approximate. */
  private static final Pattern APPROX = Pattern.compile("(?i)\\b(?:about|around|roughly|approximately|nearly)\\s+\\$?(\\d[\\d,]*(?:\\.\\d+)?)");

  static KnowledgeModel model;

  @BeforeAll
  static void load() {
    LoadResult r = KnowledgeLoader.load(Path.of("knowledge"));
    assertTrue(r.ok(), () -> r.problems().toString());
    model = r.model();
  }

  /** A piece of prose, where it is, and the sources it may draw on. */
  record Prose(String where, String text, Set<String> sources) {}

  static List<Prose> prose(KnowledgeModel m) {
    List<Prose> out = new ArrayList<>();
    for (Career c : m.careers().values()) out.add(new Prose("career " + c.id(), c.summary(), Set.of(c.source())));
    for (Faq f : m.faqs()) out.add(new Prose("faq " + f.id(), f.question() + "\n" + f.answer(), Set.copyOf(f.sources())));
    for (GuideSection s : m.sections()) {
      out.add(new Prose("section " + s.id(), s.title() + "\n" + s.body(), Set.copyOf(s.sources())));
    }
    for (Comparison c : m.comparisons()) {
      out.add(new Prose("comparison " + c.id(), c.summary() + "\n" + String.join("\n", c.differences()),
          Set.copyOf(c.sources())));
    }
    for (GlossaryEntry g : m.glossary()) {
      out.add(new Prose("glossary " + g.id(), g.definition() + (g.issuer() == null ? "" : "\n" + g.issuer()),
          Set.of(g.source())));
      if (g.name() != null) out.add(new Prose("glossary " + g.id() + " name", g.name(), Set.of(g.nameFrom())));
      if (g.general() != null) out.add(new Prose("glossary " + g.id() + " general", g.general(), Set.of(g.generalSource())));
    }
    for (Disagreement d : m.disagreements()) {
      Set<String> sources = new LinkedHashSet<>();
      StringBuilder text = new StringBuilder(d.note());
      for (Disagreement.Side s : d.sides()) {
        if (s.figure() != null) m.figure(s.figure()).ifPresent(f -> {
          sources.add(f.source());
          sources.addAll(f.alsoIn());
        });
        if (s.source() != null) sources.add(s.source());
        if (s.says() != null) text.append('\n').append(s.says());
        if (s.label() != null) text.append('\n').append(s.label());
      }
      out.add(new Prose("disagreement " + d.id(), text.toString(), sources));
    }
    for (Figure f : m.figures()) {
      String words = String.join("\n", nz(f.subject()), nz(f.example()), nz(f.note()));
      Set<String> sources = new HashSet<>(f.alsoIn());
      sources.add(f.source());
      out.add(new Prose("figure " + f.id(), words, sources));
    }
    return out;
  }

  /** The numbers of the figures from any of {@code sources}. */
  static Set<String> figureNumbers(KnowledgeModel m, Set<String> sources, boolean approxOnly) {
    Set<String> out = new HashSet<>();
    for (Figure f : m.figures()) {
      if (!sources.contains(f.source()) && f.alsoIn().stream().noneMatch(sources::contains)) continue;
      List<Double> stated = new ArrayList<>();
      if (!approxOnly || f.approx()) stated.addAll(nonNull(f.value(), f.low(), f.high()));
      // The source states its USD conversions as "about ...".
      stated.addAll(nonNull(f.usdValue(), f.usdLow(), f.usdHigh()));
      for (Double d : stated) out.add(canonical(BigDecimal.valueOf(Math.abs(d))));
      if (!approxOnly && f.period() != null) out.addAll(numbers(f.period()));
    }
    return out;
  }

  static Set<String> sourceYears(KnowledgeModel m) {
    Set<String> out = new HashSet<>();
    for (Source s : m.sources().values()) {
      if (s.date() == null) continue;
      Matcher y = Pattern.compile("\\b(19|20)\\d\\d\\b").matcher(s.date());
      while (y.find()) out.add(y.group());
    }
    return out;
  }

  /** The text with list markers, digit-bearing names and glossary terms taken out. */
  static String strip(KnowledgeModel m, String text) {
    String t = LIST_MARKER.matcher(text).replaceAll(" ");
    List<String> names = new ArrayList<>(NAMES);
    m.glossary().stream().map(GlossaryEntry::term).filter(x -> x.matches(".*\\d.*")).forEach(names::add);
    for (String n : names) t = t.replace(n, " ");
    return t;
  }

  static Set<String> numbers(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) out.add(canonical(new BigDecimal(m.group().replace(",", ""))));
    return out;
  }

  @Test
  void everyNumberInTheProseIsAFigureOfItsOwnSources() {
    Set<String> years = sourceYears(model);
    List<String> untraced = new ArrayList<>();
    int checked = 0;
    for (Prose p : prose(model)) {
      Set<String> allowed = figureNumbers(model, p.sources(), false);
      for (String n : numbers(strip(model, p.text()))) {
        checked++;
        if (!allowed.contains(n) && !years.contains(n)) untraced.add(p.where() + " " + p.sources() + ": " + n);
      }
    }
    assertTrue(checked >= 50, "too few numbers checked: " + checked);
    assertTrue(untraced.isEmpty(), () -> "numbers in the prose that no figure of its sources holds (add the figure,"
        + " with its source, or the source to the entry):\n" + String.join("\n", untraced));
  }

  @Test
  void aNumberCalledApproximateIsAnApproximateFigure() {
    List<String> wrong = new ArrayList<>();
    for (Prose p : prose(model)) {
      Set<String> approx = figureNumbers(model, p.sources(), true);
      Matcher m = APPROX.matcher(strip(model, p.text()));
      while (m.find()) {
        String n = canonical(new BigDecimal(m.group(1).replace(",", "")));
        if (!approx.contains(n)) wrong.add(p.where() + ": " + m.group());
      }
    }
    assertTrue(wrong.isEmpty(), () -> "called approximate, but the figure is not (or add approx: true when the"
        + " source says so):\n" + String.join("\n", wrong));
  }

  @Test
  void theCheckCatchesAnUntracedNumber() {
    Set<String> allowed = figureNumbers(model, Set.of("comparison-css"), false);
    assertTrue(allowed.contains("33563") && allowed.contains("16.14"));
    assertTrue(numbers("about $34,000 a year").stream().anyMatch(n -> !allowed.contains(n)));
    // A figure of another source does not back a section that doesn't name it.
    assertTrue(!figureNumbers(model, Set.of("pss-profile"), false).contains("40300"));
    assertEquals(Set.of(), numbers(strip(model, "1. Learn ICD-10 codes and 401(k) plans")));
  }

  private static List<Double> nonNull(Double... ds) {
    List<Double> out = new ArrayList<>();
    for (Double d : ds) if (d != null) out.add(d);
    return out;
  }

  private static String canonical(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
