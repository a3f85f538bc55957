package careerbot.answer;

import careerbot.knowledge.Faq;
import careerbot.knowledge.GlossaryEntry;
import careerbot.knowledge.IntentExamples;
import careerbot.knowledge.IntentTraits;
import careerbot.knowledge.KnowledgeModel;
import careerbot.knowledge.Lexicon;
import careerbot.knowledge.Vocabulary;
import careerbot.search.Embedder;
import careerbot.search.KnowledgeIndex;
import careerbot.search.Text;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one message in the context of a {@link Conversation}.
 *
 * <p>Start here: {@link #build(KnowledgeModel)} indexes a model; {@link #answer(String, Conversation)}
 * reads the message ({@link Recognizer}), decides what to answer with the conversation so far (this
 * class), and writes the answer ({@link Composer}). An engine is immutable and thread-safe, so a hot
 * reload builds a new one and swaps it in while conversations carry on.
 */
public final class AnswerEngine {
  private static final Logger LOG = LoggerFactory.getLogger(AnswerEngine.class);

  /** Engines built in this process, so each has a number of its own ({@link #generation()}). */
  private static final AtomicLong BUILT = new AtomicLong();

  private final long generation = BUILT.incrementAndGet();
  private final KnowledgeModel model;
  /** What intents.yaml says of each intent: the figure it is about, pay, small talk. */
  private final IntentTraits traits;
  private final KnowledgeIndex index;
  private final Recognizer recognizer;
  private final Composer composer;
  private final String mainCareer;
  /** Every intent name an answer can carry: the learned topics and the fixed ones. */
  private final Set<String> intents;
  /** Kinds of decline that stand even when the question names one of our careers (intents.yaml, firm: true). */
  private final Set<String> firmDeclines;

  /**
   * The first answers of new conversations, by page and question ({@link #firstTurnKey}): the chips under
   * a welcome are clicked by visitor after visitor, and a new conversation's answer depends on nothing but
   * the page and the words asked. Weighed by the memory an entry holds; null when off.
   */
  private final Cache<String, FirstTurn> firstTurns;

  /** A new conversation's answer and what the conversation remembers after it. */
  private record FirstTurn(Answer answer, Conversation.State state, Conversation.Shown shown) {
    int weight(String key) {
      // Characters are two bytes; the passages remembered for follow-ups hold the text once more.
      return 2 * key.length() + 4 * answer.text().length() + 1024;
    }
  }

  /**
   * Memory the first answers may take by default: 16 MB (several thousand distinct questions), or a
   * thirty-second of the heap where that is less.
   */
  public static final long FIRST_TURN_BYTES = firstTurnBytes(16L << 20);

  /** {@code requested} bytes for new conversations' answers, or a thirty-second of the heap where that is less. */
  public static long firstTurnBytes(long requested) {
    return Math.min(requested, Runtime.getRuntime().maxMemory() / 32);
  }

  /**
   * How an engine is built besides its knowledge.
   *
   * @param embedder the sentence model for semantic matching, or null for the words alone
   * @param firstTurnBytes memory for new conversations' answers kept for the next visitor asking the same
   *     (0: none, every question is answered afresh)
   * @param dataDir the folder where the trained intent model is kept between starts, or null to train at
   *     every build
   */
  public record Options(Embedder embedder, long firstTurnBytes, Path dataDir) {
    /** Words alone, the default first-turn memory, nothing kept on disk. */
    public static final Options DEFAULT = new Options(null, FIRST_TURN_BYTES, null);
  }

  private AnswerEngine(KnowledgeModel model, Supplier<Options> later) {
    this.model = model;
    this.traits = model.traits();
    // The options (the sentence model above all, which may still be loading) are asked for only once the
    // words are indexed: the index needs the model for its passages alone, and those come last.
    Supplier<Options> once = new Supplier<>() {
      private Options asked;

      @Override
      public synchronized Options get() {
        if (asked == null) asked = later.get();
        return asked;
      }
    };
    this.index = KnowledgeIndex.build(model, vocabularyWords(model), () -> once.get().embedder());
    Options options = once.get();
    long firstTurnBytes = options.firstTurnBytes();
    Embedder embedder = options.embedder();
    this.firstTurns = firstTurnBytes <= 0 ? null : Caffeine.newBuilder()
        .maximumWeight(firstTurnBytes).weigher((String k, FirstTurn f) -> f.weight(k)).build();
    this.recognizer = new Recognizer(model, index, embedder, options.dataDir() == null ? null
        : options.dataDir().resolve("intents-" + (embedder == null ? "words" : embedder.name()) + ".bin"));
    this.composer = new Composer(model, index);
    this.mainCareer = model.mainCareer();
    Set<String> all = new TreeSet<>();
    for (String l : recognizer.labels()) if (!l.startsWith(DECLINE)) all.add(l);
    all.addAll(List.of(Intent.FALLBACK, Intent.GREETING, Intent.THANKS, Intent.HELP, Intent.ABOUT, Intent.COMPARISON,
        "glossary", "salary", "hourly", "salary_by_level", "salary_by_place", "top_paying"));
    this.intents = Set.copyOf(all);
    Set<String> firm = new HashSet<>();
    for (IntentExamples i : model.intents()) if (i.firm()) firm.add(i.reason());
    this.firmDeclines = Set.copyOf(firm);
    // The search index's Lucene part was built beside the rest: an engine is whole before it answers.
    index.awaitBuilt();
  }

  /**
   * This engine's number, unique in the process and larger for engines built later. What outlives an answer
   * (a held first turn) names its engine by this number, never by reference: an engine replaced by a reload
   * is then free to go once its answers in flight are done.
   */
  public long generation() {
    return generation;
  }

  /** Indexes {@code model} and learns its intents from the words alone (no sentence model). */
  public static AnswerEngine build(KnowledgeModel model) {
    return build(model, Options.DEFAULT);
  }

  /**
   * Indexes {@code model} and learns its intents, with {@code embedder} for semantic matching (null: the
   * words alone). Takes about a second for a pack of this size, most of it embedding the examples.
   */
  public static AnswerEngine build(KnowledgeModel model, Embedder embedder) {
    return build(model, new Options(embedder, FIRST_TURN_BYTES, null));
  }

  /** Indexes {@code model} and learns its intents as {@code options} say. */
  public static AnswerEngine build(KnowledgeModel model, Options options) {
    return new AnswerEngine(model, () -> options);
  }

  /**
   * As {@link #build(KnowledgeModel, Options)}, asking for the options only once the knowledge's words are
   * indexed: the start indexes them while the sentence model still loads. {@code options} is asked once.
   */
  public static AnswerEngine build(KnowledgeModel model, Supplier<Options> options) {
    return new AnswerEngine(model, options);
  }

  /** The words the speller may correct toward besides the knowledge's own: the examples and the vocabulary. */
  private static List<String> vocabularyWords(KnowledgeModel model) {
    List<String> out = new ArrayList<>();
    // Words of two or more examples: a typo written into one example on purpose must stay a typo to mend.
    Map<String, Integer> seen = new HashMap<>();
    for (IntentExamples i : model.intents()) {
      for (String e : i.examples()) {
        for (String w : new HashSet<>(Text.words(Text.clean(e)))) {
          seen.merge(w, 1, Integer::sum);
        }
      }
    }
    seen.forEach((w, n) -> {
      if (n >= 2) out.add(w);
    });
    Lexicon l = model.lexicon();
    out.addAll(l.countries().keySet());
    out.addAll(l.otherCountries());
    out.addAll(l.otherOccupations());
    out.addAll(l.levels().keySet());
    out.addAll(l.usd());
    out.addAll(l.plainWords());
    out.addAll(l.followUp());
    out.addAll(l.correction());
    out.addAll(l.why());
    out.addAll(l.ordinals().keySet());
    return out;
  }

  /** Where the intent model came from (for the start-up log): trained, or read from DATA_DIR. */
  public String intentModelOrigin() {
    return recognizer.modelOrigin();
  }

  /** The recognizer, for the cross-validation tool in the tests. */
  Recognizer recognizer() {
    return recognizer;
  }

  public KnowledgeModel model() {
    return model;
  }

  /** The search index over the knowledge, for tools that look things up (the editors' report). */
  public KnowledgeIndex index() {
    return index;
  }

  /**
   * Carries a conversation over from another instance: when {@code conversation} is new and
   * {@code token} (from {@link Conversation.State#token()}) names only careers, levels and countries this
   * knowledge has, the conversation continues from it. Returns whether it did; a bad token is ignored.
   */
  public boolean restore(Conversation conversation, String token) {
    if (token == null || conversation.state().turns() > 0) return false;
    Conversation.State s = Conversation.State.fromToken(token);
    if (!accepts(s)) return false;
    conversation.remember(s);
    return true;
  }

  /**
   * Whether this engine can go on from {@code s}: every career, level, country and intent in it is one it
   * knows. A state from elsewhere (a token, or a conversation begun before a reload) is checked first.
   */
  public boolean accepts(Conversation.State s) {
    if (s == null || s.careers().size() > 3 || s.turns() < 0 || s.turns() > Conversation.MAX_TURNS) return false;
    for (String c : s.careers()) if (!model.careers().containsKey(c)) return false;
    if (s.level() != null && !Vocabulary.LEVELS.containsKey(s.level())) return false;
    if (s.country() != null && model.figures().stream().noneMatch(f -> s.country().equals(f.place().country()))) {
      return false;
    }
    return s.intent() == null || intents().contains(s.intent());
  }

  /**
   * Every intent name an answer of this engine can carry: a closed set, so a value from outside (a context
   * token, a metrics label) can be checked against it.
   */
  public Set<String> intents() {
    return intents;
  }

  /** The greeting a new conversation starts with. */
  public Answer welcome() {
    return welcome(null);
  }

  /** The greeting for a conversation on the page of {@code career} (null: no page career): it names it. */
  public Answer welcome(String career) {
    String c = career != null && model.careers().containsKey(career) ? career : null;
    Answer hello = Fallbacks.greeting(model, c);
    Conversation fresh = new Conversation();
    fresh.page(c, null);
    Plan p = new Plan(Intent.GREETING, c == null ? List.of() : List.of(c), null, null, null, false, null, 1.0, null);
    return withWorkingSuggestions(hello, p, fresh);
  }

  /**
   * Answers, each on a new conversation, the questions visitors are likeliest to send first: the welcome's
   * suggestions (for every career's page too), the suggestions under those answers, the FAQs, then the
   * packs' example questions in turn, until {@code budget} is spent. The answers stay in the first-turn
   * memory, and the answer path is compiled by the JIT before visitors wait on it: a fresh JVM answers a
   * new question ten times slower. Returns how many it answered. Run after start-up, in the background;
   * it stops early when {@code stop} says so (the server stopping, a reload replacing this engine).
   */
  public int warmUp(Duration budget, BooleanSupplier stop) {
    long end = System.nanoTime() + budget.toNanos();
    if (stop.getAsBoolean()) return 0;
    LinkedHashSet<String> first = new LinkedHashSet<>(welcome().suggestions());
    for (String c : model.careers().keySet()) {
      // Each welcome checks its suggestions by answering them: a server stopping meanwhile stops it here.
      if (System.nanoTime() - end >= 0 || stop.getAsBoolean()) return 0;
      first.addAll(welcome(c).suggestions());
    }
    LinkedHashSet<String> next = new LinkedHashSet<>();
    int n = 0;
    for (String q : first) {
      if (System.nanoTime() - end >= 0 || stop.getAsBoolean()) return n;
      next.addAll(answer(q, new Conversation()).suggestions());
      n++;
    }
    List<String> rest = new ArrayList<>(next);
    for (Faq f : model.faqs()) rest.add(f.question());
    // The examples, one of each intent at a time, so a short budget still reaches every intent.
    List<List<String>> examples = model.intents().stream().map(IntentExamples::examples).toList();
    for (int i = 0, added = 1; added > 0; i++) {
      added = 0;
      for (List<String> e : examples) {
        if (i < e.size()) {
          rest.add(e.get(i));
          added++;
        }
      }
    }
    for (String q : rest) {
      if (System.nanoTime() - end >= 0 || stop.getAsBoolean()) break;
      answer(q, new Conversation());
      n++;
    }
    return n;
  }

  /** Whether {@code id} is a career of the loaded packs. */
  public boolean knowsCareer(String id) {
    return id != null && model.careers().containsKey(id);
  }

  /**
   * Answers {@code text}; never throws for any input, however odd. The suggestions under the answer are
   * ones this engine has checked it can answer next: each is tried on a copy of the conversation, and one
   * that would be declined, would repeat this answer, or would only show what this answer already shows is
   * replaced by another (the checks are cached by conversation state, so repeated states cost nothing).
   */
  public Answer answer(String text, Conversation conversation) {
    String key = firstTurns == null ? null : firstTurnKey(text, conversation);
    if (key != null) {
      FirstTurn f = firstTurns.getIfPresent(key);
      if (f != null) {
        conversation.remember(f.state());
        Conversation.Shown s = f.shown();
        conversation.shown(s == Conversation.Shown.NONE ? s
            : new Conversation.Shown(s.items(), s.terms(), s.passages(), text));
        return f.answer();
      }
    }
    Composed c = answerOnce(text, conversation);
    if (c.plan() == null) return c.answer();
    Answer a = withWorkingSuggestions(c.answer(), c.plan(), conversation);
    if (key != null) firstTurns.put(key, new FirstTurn(a, conversation.state(), conversation.shown()));
    return a;
  }

  /**
   * The key of the first answer of a new conversation: its page and the question as the recogniser reads
   * it (cleaned: case, quotes, entities and tags do not matter). Two new conversations asked the same thing
   * on the same page get the same answer and are left in the same state, so the key stands for both. Null
   * when the conversation has begun (its answer depends on what came before) or the question is empty.
   */
  public String firstTurnKey(String text, Conversation conversation) {
    if (text == null || text.isBlank() || conversation.state().turns() != 0
        || conversation.shown() != Conversation.Shown.NONE) {
      return null;
    }
    Conversation.Page page = conversation.page();
    return page.career() + "\u0001" + page.location() + "\u0001" + Text.clean(text);
  }

  /** An answer and the plan it was composed from (null for the replies to empty input or to a fault). */
  private record Composed(Answer answer, Plan plan) {}

  /**
   * (state after the answer, page, suggestion) to whether the suggestion works there; weighed by its key, in
   * at most 8 MB or a sixty-fourth of the heap.
   */
  private final Cache<String, Boolean> workingSuggestions =
      Caffeine.newBuilder()
          .maximumWeight(Math.min(8L << 20, Runtime.getRuntime().maxMemory() / 64))
          .weigher((String k, Boolean v) -> Footprint.weight(Footprint.of(k))).build();

  private Answer withWorkingSuggestions(Answer answer, Plan plan, Conversation conversation) {
    Conversation.State after = conversation.state();
    Conversation.Page page = conversation.page();
    Conversation.Shown shownAfter = conversation.shown();
    String key = new Conversation.State(after.careers(), after.intent(), after.level(), after.country(), after.usd(), 1)
        .token() + "|" + page.career() + "|" + answer.intent() + "|" + String.join(",", answer.matches().stream()
        .map(m -> m.kind() + ":" + m.id()).sorted().toList()) + "|";
    LinkedHashSet<String> candidates = new LinkedHashSet<>(answer.suggestions());
    candidates.addAll(Suggestions.more(plan, model));
    Set<String> shown = new HashSet<>();
    for (Match m : answer.matches()) shown.add(m.kind() + ":" + m.id());
    List<String> kept = new ArrayList<>();
    for (String s : candidates) {
      if (kept.size() == 3) break;
      // Looked up before it is computed: two threads may both work one out, which is harmless, and the
      // common case (known) stays off the cache's compute path.
      String k = key + s;
      Boolean ok = workingSuggestions.getIfPresent(k);
      if (ok == null) {
        ok = works(s, answer, shown, after, page, shownAfter);
        workingSuggestions.put(k, ok);
      }
      if (Boolean.TRUE.equals(ok)) kept.add(s);
    }
    if (kept.equals(answer.suggestions())) return answer;
    return new Answer(answer.text(), answer.intent(), answer.confidence(), answer.sources(), kept, answer.table(),
        answer.matches());
  }

  /** Whether asking {@code suggestion} after {@code answer} gets a new, real answer. */
  private boolean works(String suggestion, Answer answer, Set<String> shown, Conversation.State after,
      Conversation.Page page, Conversation.Shown shownAfter) {
    Conversation copy = new Conversation();
    copy.remember(after);
    copy.page(page.career(), page.location());
    copy.shown(shownAfter);
    Answer next = answerOnce(suggestion, copy).answer();
    if (next.isFallback() || next.text().equals(answer.text())) return false;
    // Nothing new: the next answer would lead with (or only show) what this one shows already, as "what is
    // that per hour?" under an answer that gives the hourly rate.
    List<String> wouldShow = next.matches().stream().filter(m -> !"rule".equals(m.kind()))
        .map(m -> m.kind() + ":" + m.id()).toList();
    return wouldShow.isEmpty() || !shown.contains(wouldShow.get(0)) && !shown.containsAll(wouldShow);
  }

  /**
   * How the engine reads {@code text} in {@code conversation}, for the people who tune a pack: the named
   * things, the intent model's top labels with their probabilities, and the plan. Changes nothing.
   */
  public String explain(String text, Conversation conversation) {
    Understanding u = recognizer.read(text == null ? "" : text);
    Conversation.Page page = conversation.page();
    Plan plan = decide(u, conversation.state(), page.career() != null && model.careers().containsKey(page.career())
        ? page.career() : mainCareer, conversation.shown(), inContext(u, text, conversation.shown()));
    StringBuilder b = new StringBuilder();
    b.append("words ").append(u.words()).append(" careers ").append(u.careers()).append(" level ").append(u.level())
        .append(" country ").append(u.country()).append('/').append(u.otherCountry()).append(" content ")
        .append(u.content()).append(" other-career ").append(u.otherCareer()).append('\n');
    for (int i = 0; i < Math.min(4, u.intents().size()); i++) {
      b.append(String.format(Locale.ROOT, "  %-28s %.3f%n", u.intents().get(i).label(),
          u.intents().get(i).probability()));
    }
    b.append("plan ").append(plan);
    return b.toString();
  }

  private Composed answerOnce(String text, Conversation conversation) {
    try {
      Conversation.State ctx = conversation.state();
      if (text == null || text.isBlank()) return new Composed(Fallbacks.smallTalk(Intent.HELP, model), null);
      Understanding u = recognizer.read(text);
      Answer answer;
      Conversation.Page page = conversation.page();
      Plan plan = decide(u, ctx, page.career() != null && model.careers().containsKey(page.career())
          ? page.career() : mainCareer, conversation.shown(), inContext(u, text, conversation.shown()));
      if (plan.intent().equals(Intent.FALLBACK)) {
        answer = Fallbacks.fallback(plan.reason(), model, plan.careers());
      } else if (traits.smallTalk(plan.intent())) {
        answer = Fallbacks.smallTalk(plan.intent(), model);
      } else {
        answer = Places.mention(composer.compose(plan, u), plan, page.location(), model);
      }
      remember(conversation, ctx, plan, answer, text);
      return new Composed(answer, plan);
    } catch (RuntimeException e) {
      LOG.error("answering failed", e);
      return new Composed(Fallbacks.fallback("error", model, List.of()), null);
    }
  }

  private void remember(Conversation conversation, Conversation.State ctx, Plan plan, Answer answer, String text) {
    if (answer.isFallback() || traits.smallTalk(answer.intent())) {
      conversation.remember(new Conversation.State(ctx.careers(), ctx.intent(), ctx.level(), ctx.country(),
          ctx.usd(), Conversation.next(ctx.turns())));
      return;
    }
    List<String> careers = new ArrayList<>(plan.careers());
    for (String c : ctx.careers()) {
      if (!careers.contains(c) && careers.size() < 3) careers.add(c);
    }
    conversation.remember(new Conversation.State(careers, plan.intent(), plan.level(),
        plan.country() != null ? plan.country() : ctx.country(), plan.usd(), Conversation.next(ctx.turns())));
    Conversation.Shown now = shown(answer, text);
    // One item of a list was shown: the list stays, so "and step 4?" walks on through it.
    if (plan.item() != null && !plan.item().startsWith("term|") && !plan.item().startsWith(SAID)) {
      now = new Conversation.Shown(conversation.shown().items(), now.terms(), now.passages(), text);
    }
    conversation.shown(now);
  }

  /** The list items of an answer's text and the glossary terms it names, in order, for follow-ups. */
  private Conversation.Shown shown(Answer answer, String question) {
    List<String> items = new ArrayList<>();
    boolean inItem = false;
    for (String line : answer.text().split("\n")) {
      String t = line.strip();
      if (t.startsWith(Composer.DIFFER)) break;
      String item = null;
      if (t.startsWith("- ") || t.startsWith("* ")) {
        item = t.substring(2);
      } else {
        int dot = t.indexOf(". ");
        if (dot > 0 && dot <= 2 && t.substring(0, dot).chars().allMatch(Character::isDigit)) item = t.substring(dot + 2);
      }
      if (item != null && items.size() < 12) {
        items.add(item.strip());
        inItem = true;
      } else if (inItem && !t.isEmpty() && line.startsWith(" ") && item == null) {
        // An item wrapped onto an indented line goes on.
        items.set(items.size() - 1, items.get(items.size() - 1) + " " + t);
      } else {
        inItem = false;
      }
    }
    List<String> terms = new ArrayList<>();
    String text = " " + String.join(" ", Text.words(Text.clean(answer.text(),
        4000))) + " ";
    int best = Integer.MAX_VALUE;
    for (GlossaryEntry g : model.glossary()) {
      int at = text.indexOf(" " + String.join(" ", Text.words(Text.clean(g.term())))
          + " ");
      if (at >= 0 && at < best) {
        best = at;
        terms.add(0, g.id());
      } else if (at >= 0) {
        terms.add(g.id());
      }
    }
    List<String> passages = Composer.passages(answer.text());
    return new Conversation.Shown(List.copyOf(items), List.copyOf(terms),
        List.copyOf(passages.subList(0, Math.min(40, passages.size()))), question);
  }

  /**
   * The intent of a question that points back ("how long does that take?") read together with the question
   * before it: the last topic when it still asks about that, else null. Only read for such questions.
   */
  private String inContext(Understanding u, String text, Conversation.Shown shown) {
    if (!u.refers() || shown.question() == null || shown.passages().isEmpty()) return null;
    return recognizer.read(shown.question() + " " + text).best();
  }

  /** How a plan's item begins when it holds passages of the last answer. */
  static final String SAID = "said|";

  /**
   * The passages of the last answer that hold what {@code u} asks about: those sharing the question's
   * words that are rare among them (a word in most passages says nothing), the best-scoring ones, at most
   * three. None when no such word is shared.
   */
  private List<String> said(Understanding u, List<String> passages) {
    Lexicon lex = model.lexicon();
    Set<String> asked = asked(u);
    // What the question asks of it ("how long", "cost"): the words of a passage that would tell it.
    List<Set<String>> tells = new ArrayList<>();
    String words = " " + String.join(" ", u.words()) + " ";
    for (Lexicon.Asks a : lex.asks()) {
      if (a.question().stream().anyMatch(q -> words.contains(" " + q + " "))) {
        Set<String> r = new HashSet<>();
        for (String w : a.answer()) r.add(Recognizer.root(w));
        tells.add(r);
      }
    }
    if (asked.isEmpty() && tells.isEmpty()) return List.of();
    List<Set<String>> roots = new ArrayList<>();
    for (String p : passages) roots.add(Recognizer.roots(p));
    double[] score = new double[passages.size()];
    double best = 0;
    for (String a : asked) {
      long in = roots.stream().filter(r -> r.contains(a)).count();
      if (in == 0 || passages.size() >= 4 && in * 2 > passages.size()) continue;
      double weight = Math.log(1.0 + (double) passages.size() / in);
      for (int i = 0; i < passages.size(); i++) {
        if (roots.get(i).contains(a)) best = Math.max(best, score[i] += weight);
      }
    }
    for (Set<String> t : tells) {
      for (int i = 0; i < passages.size(); i++) {
        if (roots.get(i).stream().anyMatch(t::contains)) best = Math.max(best, score[i] += 1.0);
      }
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < passages.size() && out.size() < 3; i++) {
      if (best > 0 && score[i] >= best - 1e-9) out.add(passages.get(i));
    }
    return out;
  }

  /** The roots of the words of {@code u} that say what it asks: not plain words, nor the conversation's own. */
  private Set<String> asked(Understanding u) {
    Lexicon lex = model.lexicon();
    Set<String> asked = new LinkedHashSet<>();
    for (String w : u.words()) {
      if (w.length() < 3 || lex.plainWords().contains(w) || lex.followUp().contains(w)
          || lex.reference().contains(w) || lex.why().contains(w) || Character.isDigit(w.charAt(0))) continue;
      asked.add(Recognizer.root(w));
    }
    return asked;
  }

  /**
   * Of the glossary terms the last answer named, the one whose entry (name, definition, general text) has
   * the most of the words {@code u} asks about that the others lack; null when none has any.
   */
  private String termAskedAbout(Understanding u, List<String> terms) {
    Set<String> asked = asked(u);
    if (asked.isEmpty() || terms.isEmpty()) return null;
    List<Set<String>> roots = new ArrayList<>();
    for (String id : terms) {
      roots.add(model.glossary().stream().filter(g -> g.id().equals(id)).findFirst()
          .map(g -> Recognizer.roots(g.text())).orElse(Set.of()));
    }
    double best = 0;
    String pick = null;
    for (int i = 0; i < terms.size(); i++) {
      double score = 0;
      for (String a : asked) {
        if (!roots.get(i).contains(a)) continue;
        long in = roots.stream().filter(r -> r.contains(a)).count();
        if (terms.size() >= 2 && in * 2 > terms.size()) continue;
        score += Math.log(1.0 + (double) terms.size() / in);
      }
      if (score > best) {
        best = score;
        pick = terms.get(i);
      }
    }
    return pick;
  }

  /** Below this the intent model's best guess is not trusted (chosen from the confidence table in docs/evaluation.md). */
  static final double MIN_CONFIDENCE = 0.30;
  private static final String DECLINE = Intent.FALLBACK + ":";

  Plan decide(Understanding u, Conversation.State ctx) {
    return decide(u, ctx, mainCareer, Conversation.Shown.NONE, null);
  }

  /**
   * The plan for {@code u}. {@code subject} is the career a question that names none is about: the page's
   * career when the conversation happens on a job posting, else the first pack's main career. {@code shown}
   * is what the last answer showed, for "the second one" and "who issues it?".
   */
  Plan decide(Understanding u, Conversation.State ctx, String subject, Conversation.Shown shown, String inContext) {
    List<String> here = u.careers();
    if (here.isEmpty() && !subject.equals(mainCareer) && pointsAtThisJob(u.words())) here = List.of(subject);
    boolean place = u.country() != null || u.otherCountry() != null || u.usd();
    boolean named = !here.isEmpty() || place || u.level() != null;
    String label = u.best();
    double p = u.bestScore();
    if (label == null) return fallback(u, "unclear");
    // Nothing but words no knowledge or vocabulary knows ("blorp flim flam").
    if (here.isEmpty() && !u.words().isEmpty() && u.unknown().size() == u.words().size()) return fallback(u, "nonsense");

    // "No, I meant patient advocates": the last question again, with what is named now.
    if (u.correction() && ctx.intent() != null && named) return continuation(u, ctx, here, subject, place, 0.8);
    // "The second one", "the top one", "step 3": an item of the list the last answer showed, when the
    // question points back ("one", "it"), stays on the last topic, or asks nothing the model is sure of.
    if (u.ordinal() != 0 && !shown.items().isEmpty() && ctx.intent() != null
        && (!u.content() || p < 0.6 || u.refers() || label.equals(ctx.intent()))) {
      int n = u.ordinal() > 0 ? u.ordinal() : shown.items().size() + 1 + u.ordinal();
      if (n >= 1 && n <= shown.items().size()) {
        String item = shown.items().get(n - 1);
        return new Plan(ctx.intent(), sameCareers(ctx, subject), ctx.level(), ctx.country(), null, ctx.usd(), null,
            0.8, null, n + "|" + item, false);
      }
    }
    // "How much does that cost?", "how long does it take?": a question that points back, and read after the
    // last one still asks about its topic, gets the passages of the last answer that tell what it asks.
    // "Which pays more?" after a comparison: the two again, on the figure asked.
    if (Intent.COMPARISON.equals(ctx.intent()) && ctx.careers().size() >= 2 && here.isEmpty() && !place
        && u.level() == null && choosing(u)) {
      String on = focus(u);
      if (on != null) return comparison(List.of(ctx.careers().get(0), ctx.careers().get(1)), u, on, Math.max(p, 0.5));
    }
    boolean goesOn = u.refers() && !named && u.glossary() == null && !u.why() && ctx.intent() != null
        && ctx.intent().equals(inContext);
    // "Who offers the coding ones?": the glossary term the last answer named whose entry has the words asked.
    String term = goesOn ? termAskedAbout(u, shown.terms()) : null;
    if (term != null) {
      return new Plan("glossary", careersOf(ctx, subject), null, null, null, false, null, 0.7, null, "term|" + term,
          false);
    }
    if (goesOn && !shown.passages().isEmpty()) {
      List<String> said = said(u, shown.passages());
      if (!said.isEmpty()) {
        return new Plan(ctx.intent(), sameCareers(ctx, subject), ctx.level(), ctx.country(), null, ctx.usd(), null,
            0.7, null, SAID + String.join("\n", said), false);
      }
    }
    // "Who issues it?": a glossary term the last answer named.
    if (u.glossary() == null && !shown.terms().isEmpty() && !named && u.refers() && !u.why() && ctx.intent() != null
        && (Set.of("glossary", "certifications").contains(label) || traits.smallTalk(label)
        || label.startsWith(DECLINE) || p < 0.5)) {
      return new Plan("glossary", careersOf(ctx, subject), null, null, null, false, null, 0.7, null,
          "term|" + shown.terms().get(0), false);
    }
    if (traits.smallTalk(label) && here.isEmpty()) {
      return new Plan(label, List.of(), null, null, null, false, null, p, null);
    }
    if (label.startsWith(DECLINE)) {
      String reason = label.substring(DECLINE.length());
      if (here.isEmpty() || firmDeclines.contains(reason) && p >= 0.5) return fallback(u, reason);
    }
    // An occupation no pack describes, named alone: not ours to answer, unless it is the asker's own job
    // ("i'm a barista, how do i get into this?") and the model is sure of a topic of ours.
    if (u.otherCareer() && here.isEmpty() && !(background(u) && p >= 0.6 && !label.startsWith(DECLINE))) {
      return fallback(u, "career");
    }
    IntentModel.Scored topic = u.bestExcept(l -> l.startsWith(DECLINE) || traits.smallTalk(l));
    if (topic == null) return fallback(u, "unclear");
    String intent = topic.label();
    double confidence = topic.probability();
    if (!here.isEmpty()) {
      // One of our careers is named, so the question is ours: how sure the model is among the topics alone.
      double inScope = 0;
      for (IntentModel.Scored x : u.intents()) if (!x.label().startsWith(DECLINE)) inScope += x.probability();
      if (inScope > 0) confidence = Math.min(1, confidence / inScope);
    }

    // Only named things and conversation words ("and for coordinators?", "what about senior?"): the last topic.
    if (!u.content() && named && ctx.intent() != null) return continuation(u, ctx, here, subject, place, 0.8);
    if (!u.content() && !here.isEmpty() && !place && u.level() == null) {
      return new Plan("overview", List.of(here.get(0)), null, null, null, false, null, 0.7, null);
    }
    // "Why?" after an answer: the reasons behind that topic.
    if (u.why() && ctx.intent() != null && (!u.content() || confidence < 0.5)) {
      return new Plan(ctx.intent(), sameCareers(ctx, subject), ctx.level(), ctx.country(), null, false, null, 0.7,
          null, null, true);
    }
    if (confidence < MIN_CONFIDENCE) {
      if (ctx.intent() != null && named) return continuation(u, ctx, here, subject, place, confidence);
      return fallback(u, u.unknown().isEmpty() ? "unclear" : "nonsense");
    }
    intent = specialise(intent, u, ctx, place);

    // Comparisons need two distinct careers: named here, or one here and one remembered.
    String focus = focus(u);
    if (here.size() >= 2) {
      return comparison(List.of(here.get(0), here.get(1)), u, focus, confidence);
    }
    if (Intent.COMPARISON.equals(intent)) {
      List<String> pool = new ArrayList<>(here);
      for (String c : ctx.careers()) if (!pool.contains(c)) pool.add(c);
      if (pool.size() == 1 && !pool.get(0).equals(subject)) pool.add(subject);
      if (pool.size() == 1 && !pool.get(0).equals(mainCareer)) pool.add(mainCareer);
      if (pool.size() >= 2) return comparison(List.of(pool.get(0), pool.get(1)), u, focus, confidence);
      intent = "overview";
    }
    // After a comparison, a figure question naming no career compares that figure for both; so does a
    // question choosing between them ("which pays more?"), on the figure it is most likely about.
    if (Intent.COMPARISON.equals(ctx.intent()) && here.isEmpty() && ctx.careers().size() >= 2
        && u.level() == null && !place) {
      String on = traits.comparable(intent) ? traits.figure(intent) : choosing(u) ? focus : null;
      if (on != null) return comparison(List.of(ctx.careers().get(0), ctx.careers().get(1)), u, on, confidence);
    }
    List<String> careers = here.isEmpty() ? careersOf(ctx, subject) : List.of(here.get(0));
    String country = u.country() != null ? u.country() : (u.otherCountry() == null ? ctx.country() : null);
    String level = u.level() != null ? u.level()
        : traits.pay(intent) && here.isEmpty() && traits.pay(ctx.intent()) ? ctx.level() : null;
    if ("salary_by_place".equals(intent) && u.country() == null && u.otherCountry() == null && ctx.country() == null) {
      intent = "salary";
    }
    return new Plan(intent, careers, level, country, u.otherCountry(), u.usd(), null, confidence, null, null,
        u.why());
  }

  /** A pay question is made finer by what it names: a level, a place or a currency. */
  private static String specialise(String intent, Understanding u, Conversation.State ctx, boolean place) {
    if (("salary".equals(intent) || "salary_by_level".equals(intent)) && place) return "salary_by_place";
    if ("salary".equals(intent) && (u.level() != null || u.ladder())) return "salary_by_level";
    return intent;
  }

  /** The last topic again, with the careers, level or place this message names instead. */
  private Plan continuation(Understanding u, Conversation.State ctx, List<String> here, String subject, boolean place,
      double confidence) {
    String prev = ctx.intent();
    String next = prev;
    boolean pay = traits.pay(prev);
    if (place) {
      next = "visa".equals(prev) && !u.usd() ? "visa" : "salary_by_place";
    } else if (u.level() != null && pay) {
      next = "hourly".equals(prev) ? "hourly" : "salary_by_level";
    } else if (u.level() != null && !"career_path".equals(prev)) {
      next = "career_path";
    }
    if (Intent.COMPARISON.equals(next)) {
      if (!here.isEmpty()) {
        String keep = ctx.careers().isEmpty() ? subject : ctx.careers().get(0);
        if (here.get(0).equals(keep) && ctx.careers().size() > 1) keep = ctx.careers().get(1);
        if (!keep.equals(here.get(0))) {
          return comparison(List.of(keep, here.get(0)), u, null, confidence);
        }
      }
      next = "salary";
    }
    if ("salary_by_place".equals(next) && !place) next = "salary";
    List<String> careers = here.isEmpty() ? careersOf(ctx, subject) : List.of(here.get(0));
    String level = u.level() != null ? u.level() : traits.pay(next) && here.isEmpty() ? ctx.level() : null;
    String country = u.country() != null ? u.country() : u.otherCountry() == null ? ctx.country() : null;
    return new Plan(next, careers, level, country, u.otherCountry(), u.usd(), null, confidence, null);
  }

  private Plan comparison(List<String> pair, Understanding u, String focus, double confidence) {
    // The main career first when it is one of the two, as the sources put it.
    if (pair.get(1).equals(mainCareer)) pair = List.of(pair.get(1), pair.get(0));
    return new Plan(Intent.COMPARISON, pair, u.level(), u.country(), u.otherCountry(), u.usd(), focus,
        confidence, null);
  }

  /** The careers of the last answer, for a follow-up about it: both of a comparison, else the first. */
  private static List<String> sameCareers(Conversation.State ctx, String subject) {
    return Intent.COMPARISON.equals(ctx.intent()) && ctx.careers().size() >= 2
        ? List.copyOf(ctx.careers().subList(0, 2)) : careersOf(ctx, subject);
  }

  private static List<String> careersOf(Conversation.State ctx, String subject) {
    return ctx.careers().isEmpty() ? List.of(subject) : List.of(ctx.careers().get(0));
  }

  /**
   * The figure a comparison leads with: a figure the question names by a word of its label ("jobs",
   * "growth"), else the intent model's best figure question.
   */
  private String focus(Understanding u) {
    Lexicon lex = model.lexicon();
    for (String w : u.words()) {
      if (w.length() < 4 || lex.followUp().contains(w) || lex.choose().contains(w) || lex.comparative().contains(w)) {
        continue;
      }
      for (var m : Vocabulary.METRICS.entrySet()) {
        if (Text.words(m.getValue()).contains(w)
            && model.figures().stream().anyMatch(f -> f.metric().equals(m.getKey()))) {
          return m.getKey();
        }
      }
    }
    for (IntentModel.Scored s : u.intents()) {
      if (s.probability() < 0.05) break;
      String f = traits.figure(s.label());
      if (f != null) return f;
    }
    return null;
  }

  /** "I'm a barista", "i work as a cashier": the message says what the asker does now. */
  private boolean background(Understanding u) {
    String words = " " + String.join(" ", u.words()) + " ";
    return model.lexicon().background().stream().anyMatch(b -> words.contains(" " + b + " "));
  }

  /** "Which pays more?": a word of choosing and a comparative, as the vocabulary lists them. */
  private boolean choosing(Understanding u) {
    Lexicon lex = model.lexicon();
    String words = " " + String.join(" ", u.words()) + " ";
    return lex.choose().stream().anyMatch(w -> words.contains(" " + w + " "))
        && u.words().stream().anyMatch(lex.comparative()::contains);
  }

  /**
   * "this job", "this role": the page's career, whatever the conversation named before. The nouns are the
   * vocabulary's dialogue.this_job.
   */
  private boolean pointsAtThisJob(List<String> words) {
    Set<String> nouns = model.lexicon().thisJob();
    for (int i = 0; i + 1 < words.size(); i++) {
      if ((words.get(i).equals("this") || words.get(i).equals("that")) && nouns.contains(words.get(i + 1))) {
        return true;
      }
    }
    return false;
  }

  private Plan fallback(Understanding u, String reason) {
    return new Plan(Intent.FALLBACK, u.careers(), null, null, null, false, null, 0.0, reason);
  }
}
