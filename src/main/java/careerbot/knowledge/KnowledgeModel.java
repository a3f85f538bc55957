package careerbot.knowledge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything the bot knows, merged from all career packs: immutable and safe to share between threads.
 * Build one with {@link KnowledgeLoader#load(java.nio.file.Path)}.
 */
public final class KnowledgeModel {
  private final Map<String, Source> sources;
  private final Map<String, Career> careers;
  private final List<Figure> figures;
  private final List<Faq> faqs;
  private final List<Comparison> comparisons;
  private final List<GlossaryEntry> glossary;
  private final List<Synonym> synonyms;
  private final List<GuideSection> sections;
  private final List<Disagreement> disagreements;
  private final List<String> relatedCareers;
  private final List<IntentExamples> intents;
  private final IntentTraits traits;
  private final Lexicon lexicon;
  private final List<String> packs;
  private final Map<String, List<Figure>> figuresByCareer;
  private final byte[] fingerprint;

  public KnowledgeModel(List<String> packs, List<Source> sources, List<Career> careers, List<Figure> figures,
      List<Faq> faqs, List<Comparison> comparisons, List<GlossaryEntry> glossary, List<Synonym> synonyms,
      List<GuideSection> sections) {
    this(packs, sources, careers, figures, faqs, comparisons, glossary, synonyms, sections, List.of());
  }

  public KnowledgeModel(List<String> packs, List<Source> sources, List<Career> careers, List<Figure> figures,
      List<Faq> faqs, List<Comparison> comparisons, List<GlossaryEntry> glossary, List<Synonym> synonyms,
      List<GuideSection> sections, List<Disagreement> disagreements) {
    this(packs, sources, careers, figures, faqs, comparisons, glossary, synonyms, sections, disagreements, List.of());
  }

  public KnowledgeModel(List<String> packs, List<Source> sources, List<Career> careers, List<Figure> figures,
      List<Faq> faqs, List<Comparison> comparisons, List<GlossaryEntry> glossary, List<Synonym> synonyms,
      List<GuideSection> sections, List<Disagreement> disagreements, List<String> relatedCareers) {
    this(packs, sources, careers, figures, faqs, comparisons, glossary, synonyms, sections, disagreements,
        relatedCareers, List.of());
  }

  public KnowledgeModel(List<String> packs, List<Source> sources, List<Career> careers, List<Figure> figures,
      List<Faq> faqs, List<Comparison> comparisons, List<GlossaryEntry> glossary, List<Synonym> synonyms,
      List<GuideSection> sections, List<Disagreement> disagreements, List<String> relatedCareers,
      List<IntentExamples> intents) {
    this(packs, sources, careers, figures, faqs, comparisons, glossary, synonyms, sections, disagreements,
        relatedCareers, intents, Lexicon.EMPTY);
  }

  public KnowledgeModel(List<String> packs, List<Source> sources, List<Career> careers, List<Figure> figures,
      List<Faq> faqs, List<Comparison> comparisons, List<GlossaryEntry> glossary, List<Synonym> synonyms,
      List<GuideSection> sections, List<Disagreement> disagreements, List<String> relatedCareers,
      List<IntentExamples> intents, Lexicon lexicon) {
    this(packs, sources, careers, figures, faqs, comparisons, glossary, synonyms, sections, disagreements,
        relatedCareers, intents, lexicon, null);
  }

  /** As the others, with the {@link #fingerprint()} of the files the model was read from. */
  public KnowledgeModel(List<String> packs, List<Source> sources, List<Career> careers, List<Figure> figures,
      List<Faq> faqs, List<Comparison> comparisons, List<GlossaryEntry> glossary, List<Synonym> synonyms,
      List<GuideSection> sections, List<Disagreement> disagreements, List<String> relatedCareers,
      List<IntentExamples> intents, Lexicon lexicon, byte[] fingerprint) {
    this.fingerprint = fingerprint == null ? null : fingerprint.clone();
    this.intents = List.copyOf(intents);
    this.traits = new IntentTraits(this.intents);
    this.lexicon = lexicon;
    this.disagreements = List.copyOf(disagreements);
    this.relatedCareers = List.copyOf(relatedCareers);
    this.packs = List.copyOf(packs);
    this.sources = Collections.unmodifiableMap(
        sources.stream().collect(Collectors.toMap(Source::id, s -> s, (a, b) -> a, LinkedHashMap::new)));
    this.careers = Collections.unmodifiableMap(
        careers.stream().collect(Collectors.toMap(Career::id, c -> c, (a, b) -> a, LinkedHashMap::new)));
    this.figures = List.copyOf(figures);
    this.faqs = List.copyOf(faqs);
    this.comparisons = List.copyOf(comparisons);
    this.glossary = List.copyOf(glossary);
    this.synonyms = List.copyOf(synonyms);
    this.sections = List.copyOf(sections);
    this.figuresByCareer = Collections.unmodifiableMap(this.figures.stream()
        .collect(Collectors.groupingBy(Figure::career, LinkedHashMap::new, Collectors.toUnmodifiableList())));
  }

  public List<String> packs() { return packs; }
  public Map<String, Source> sources() { return sources; }
  public Map<String, Career> careers() { return careers; }

  /** The first career of the first pack: the subject of questions that name none on a page of none. */
  public String mainCareer() {
    return careers.keySet().iterator().next();
  }
  public List<Figure> figures() { return figures; }
  public List<Faq> faqs() { return faqs; }
  public List<Comparison> comparisons() { return comparisons; }
  public List<GlossaryEntry> glossary() { return glossary; }
  public List<Synonym> synonyms() { return synonyms; }
  public List<GuideSection> sections() { return sections; }
  public List<Disagreement> disagreements() { return disagreements; }
  /** Names of careers the sources mention without describing (pack.yaml {@code related}): never another career. */
  public List<String> relatedCareers() { return relatedCareers; }

  /** The example questions of every pack's intents.yaml, in pack order. */
  public List<IntentExamples> intents() { return intents; }

  /** What intents.yaml says about each intent: its figure, pay, small talk, fixed replies. */
  public IntentTraits traits() { return traits; }

  /** The merged vocabulary.yaml word lists of every pack. */
  public Lexicon lexicon() { return lexicon; }

  /**
   * A SHA-256 of every file this model was read from (each one's path in the folder and its bytes, in the
   * order read): the same files give the same model. Null for a model built in code.
   */
  public byte[] fingerprint() { return fingerprint == null ? null : fingerprint.clone(); }

  public Optional<Career> career(String id) {
    return Optional.ofNullable(careers.get(id));
  }

  public Optional<Source> source(String id) {
    return Optional.ofNullable(sources.get(id));
  }

  /** The figures of one career, in file order. */
  public List<Figure> figures(String careerId) {
    return figuresByCareer.getOrDefault(careerId, List.of());
  }

  /** The figures of one career for one metric, in file order. */
  public List<Figure> figures(String careerId, String metric) {
    return figures(careerId).stream().filter(f -> f.metric().equals(metric)).toList();
  }

  /** A figure by id. */
  public Optional<Figure> figure(String id) {
    return figures.stream().filter(f -> f.id().equals(id)).findFirst();
  }

  public Optional<Comparison> comparison(String a, String b) {
    return comparisons.stream().filter(c -> c.covers(a, b)).findFirst();
  }

  public List<GuideSection> sections(String careerId, String topic) {
    return sections.stream().filter(s -> s.career().equals(careerId) && s.topic().equals(topic)).toList();
  }
}
