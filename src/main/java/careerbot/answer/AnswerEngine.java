package careerbot.answer;

import careerbot.knowledge.KnowledgeModel;
import careerbot.search.KnowledgeIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

  /** Intents whose follow-ups ("and in Germany?", "senior?") stay about pay. */
  private static final Set<String> PAY = Set.of("salary", "hourly", "salary_by_level", "salary_by_place",
      "top_paying");
  /** Intents a comparison can answer side by side, as a follow-up to a comparison. */
  private static final Set<String> COMPARABLE = Set.of("salary", "hourly", "growth", "jobs", "demographics",
      "experience", "top_paying", "time_to_become");
  /** Intents that need a salary cue to be chosen: level and place words alone mean nothing. */
  private static final Set<String> NEEDS_PAY_CUE = Set.of("salary_by_level");

  private final KnowledgeModel model;
  private final KnowledgeIndex index;
  private final Recognizer recognizer;
  private final Composer composer;
  private final String mainCareer;
  /** Employers the knowledge has job counts for, as lower-case words. */
  private final List<String> employers;

  private AnswerEngine(KnowledgeModel model) {
    this.model = model;
    this.index = KnowledgeIndex.build(model, Cues.words());
    this.recognizer = new Recognizer(model, index);
    this.composer = new Composer(model, index);
    this.mainCareer = model.careers().keySet().iterator().next();
    this.employers = model.figures().stream().filter(f -> "employer_jobs".equals(f.metric()) && f.subject() != null)
        .map(f -> String.join(" ", careerbot.search.Text.words(careerbot.search.Text.clean(f.subject())))).distinct()
        .toList();
  }

  /** Indexes {@code model}; takes a few hundred milliseconds at most for a pack of this size. */
  public static AnswerEngine build(KnowledgeModel model) {
    return new AnswerEngine(model);
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
    if (s == null || s.careers().size() > 3 || s.turns() < 0 || s.turns() > Conversation.MAX_TURNS) return false;
    for (String c : s.careers()) if (!model.careers().containsKey(c)) return false;
    if (s.level() != null && !careerbot.knowledge.Vocabulary.LEVELS.containsKey(s.level())) return false;
    if (s.country() != null && model.figures().stream().noneMatch(f -> s.country().equals(f.place().country()))) {
      return false;
    }
    if (s.intent() != null && !intents().contains(s.intent())) return false;
    conversation.remember(s);
    return true;
  }

  /**
   * Every intent name an answer of this engine can carry: a closed set, so a value from outside (a context
   * token, a metrics label) can be checked against it.
   */
  public Set<String> intents() {
    return INTENTS;
  }

  private static final Set<String> INTENTS;

  static {
    Set<String> all = new java.util.TreeSet<>(Cues.INTENTS.keySet());
    all.addAll(List.of(Intent.FALLBACK, Intent.GREETING, Intent.THANKS, Intent.HELP, Intent.ABOUT, Intent.COMPARISON));
    INTENTS = Set.copyOf(all);
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
    Composed c = answerOnce(text, conversation);
    return c.plan() == null ? c.answer() : withWorkingSuggestions(c.answer(), c.plan(), conversation);
  }

  /** An answer and the plan it was composed from (null for the replies to empty input or to a fault). */
  private record Composed(Answer answer, Plan plan) {}

  /** (state after the answer, page, suggestion) to whether the suggestion works there. */
  private final com.github.benmanes.caffeine.cache.Cache<String, Boolean> workingSuggestions =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(50_000).build();

  private Answer withWorkingSuggestions(Answer answer, Plan plan, Conversation conversation) {
    Conversation.State after = conversation.state();
    Conversation.Page page = conversation.page();
    String key = new Conversation.State(after.careers(), after.intent(), after.level(), after.country(), after.usd(), 1)
        .token() + "|" + page.career() + "|" + answer.intent() + "|" + String.join(",", answer.matches().stream()
        .map(m -> m.kind() + ":" + m.id()).sorted().toList()) + "|";
    java.util.LinkedHashSet<String> candidates = new java.util.LinkedHashSet<>(answer.suggestions());
    candidates.addAll(Suggestions.more(plan, model));
    Set<String> shown = new java.util.HashSet<>();
    for (Match m : answer.matches()) shown.add(m.kind() + ":" + m.id());
    List<String> kept = new ArrayList<>();
    for (String s : candidates) {
      if (kept.size() == 3) break;
      Boolean ok = workingSuggestions.get(key + s, k -> works(s, answer, shown, after, page));
      if (Boolean.TRUE.equals(ok)) kept.add(s);
    }
    if (kept.equals(answer.suggestions())) return answer;
    return new Answer(answer.text(), answer.intent(), answer.confidence(), answer.sources(), kept, answer.table(),
        answer.matches());
  }

  /** Whether asking {@code suggestion} after {@code answer} gets a new, real answer. */
  private boolean works(String suggestion, Answer answer, Set<String> shown, Conversation.State after,
      Conversation.Page page) {
    Conversation copy = new Conversation();
    copy.remember(after);
    copy.page(page.career(), page.location());
    Answer next = answerOnce(suggestion, copy).answer();
    if (next.isFallback() || next.text().equals(answer.text())) return false;
    // Nothing new: the next answer would lead with (or only show) what this one shows already, as "what is
    // that per hour?" under an answer that gives the hourly rate.
    List<String> wouldShow = next.matches().stream().filter(m -> !"rule".equals(m.kind()))
        .map(m -> m.kind() + ":" + m.id()).toList();
    return wouldShow.isEmpty() || !shown.contains(wouldShow.get(0)) && !shown.containsAll(wouldShow);
  }

  private Composed answerOnce(String text, Conversation conversation) {
    try {
      Conversation.State ctx = conversation.state();
      if (text == null || text.isBlank()) return new Composed(Fallbacks.smallTalk(Intent.HELP, model), null);
      Understanding u = recognizer.read(text);
      Answer answer;
      Conversation.Page page = conversation.page();
      Plan plan = decide(u, ctx, page.career() != null && model.careers().containsKey(page.career())
          ? page.career() : mainCareer);
      if (plan.intent().equals(Intent.FALLBACK)) {
        answer = Fallbacks.fallback(plan.reason(), model, plan.careers());
      } else if (Set.of(Intent.GREETING, Intent.THANKS, Intent.HELP, Intent.ABOUT).contains(plan.intent())) {
        answer = Fallbacks.smallTalk(plan.intent(), model);
      } else {
        answer = Places.mention(composer.compose(plan, u), plan, page.location(), model);
      }
      remember(conversation, ctx, plan, answer);
      return new Composed(answer, plan);
    } catch (RuntimeException e) {
      LOG.error("answering failed", e);
      return new Composed(Fallbacks.fallback("error", model, List.of()), null);
    }
  }

  private void remember(Conversation conversation, Conversation.State ctx, Plan plan, Answer answer) {
    if (answer.isFallback() || Set.of(Intent.GREETING, Intent.THANKS, Intent.HELP, Intent.ABOUT)
        .contains(answer.intent())) {
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
  }

  /** Words that point at the page's own job: "this job", "this role", "the position". */
  private static final Set<String> THIS_JOB = Set.of("job", "role", "position", "career", "posting", "vacancy",
      "opening");

  Plan decide(Understanding u, Conversation.State ctx) {
    return decide(u, ctx, mainCareer);
  }

  /**
   * The plan for {@code u}. {@code subject} is the career a question that names none is about: the page's
   * career when the conversation happens on a job posting, else the first pack's main career.
   */
  Plan decide(Understanding u, Conversation.State ctx, String subject) {
    List<String> here = u.careers();
    if (here.isEmpty() && !subject.equals(mainCareer) && pointsAtThisJob(u.words())) here = List.of(subject);
    String why = u.outOfScope();
    if (why != null && Set.of("instructions", "creative", "action").contains(why)) return fallback(u, why);
    double best = u.bestScore();
    if (u.smallTalk() != null && best < 2 && here.isEmpty()) {
      return new Plan(u.smallTalk(), List.of(), null, null, null, false, null, 1.0, null);
    }
    if (why != null && here.isEmpty()) {
      boolean hard = Set.of("career", "medical", "legal", "math").contains(why);
      if (hard || best < 3) return fallback(u, why);
    }

    // Scores adjusted for the entities found: place and level words turn pay questions into the finer ones.
    java.util.Map<String, Double> s = new java.util.LinkedHashMap<>(u.scores());
    double pay = s.getOrDefault("salary", 0.0);
    boolean payContext = ctx.intent() != null && PAY.contains(ctx.intent());
    if (pay == 0 && !payContext) NEEDS_PAY_CUE.forEach(s::remove);
    if (pay > 0 && s.getOrDefault("salary_by_level", 0.0) >= 2) s.merge("salary_by_level", pay, Double::sum);
    if (s.containsKey("salary_by_place")) {
      // "around the world", "by country": only about pay when pay is asked, else it is a visa question.
      if (pay > 0 || payContext) s.merge("salary_by_place", pay, Double::sum);
      else s.remove("salary_by_place");
    }
    if (s.getOrDefault("hourly", 0.0) > 0) s.merge("hourly", pay + 1, Double::sum);
    if (s.getOrDefault("top_paying", 0.0) >= 2) s.merge("top_paying", pay, Double::sum);
    boolean place = u.country() != null || u.otherCountry() != null || u.usd();
    if (pay > 0 && place) s.merge("salary_by_place", pay + 1, Double::sum);
    if (pay > 0 && u.level() != null && s.getOrDefault("hourly", 0.0) == 0) {
      s.put("salary_by_level", pay + 1 + s.getOrDefault("salary_by_level", 0.0));
    }
    // Naming an employer the knowledge counts jobs for ("Cleveland Clinic") is a question about employers.
    String padded = " " + String.join(" ", u.words()) + " ";
    for (String employer : employers) {
      if (padded.contains(" " + employer + " ")) {
        s.merge("employers", 4.0, Double::sum);
        break;
      }
    }
    if (u.glossary() != null) {
      double g = 2 + (s.getOrDefault("overview", 0.0) > 0 ? 2 : 0);
      String j = " " + String.join(" ", u.words()) + " ";
      if (j.contains(" stand for ") || j.contains(" mean ") || j.contains(" stands for ") || j.contains(" meaning ")) {
        g += 3;
      }
      s.put("glossary", g);
    }
    // A career named alone after an overview-ish cue is an overview, not a glossary or pay question.
    String intent = top(s);
    double score = intent == null ? 0 : s.get(intent);

    // "junior vs senior pay": two levels of one career compare on the pay ladder.
    long levelWords = u.words().stream().filter(w -> Set.of("junior", "entry", "mid", "senior", "lead").contains(w))
        .distinct().count();
    if (levelWords >= 2 && here.size() <= 1) {
      s.remove("comparison");
      s.merge(pay > 0 || s.containsKey("salary_by_level") ? "salary_by_level" : "career_path", 5.0, Double::sum);
      intent = top(s);
      score = s.get(intent);
    }
    // Comparisons need two distinct careers: named here, or one here and one remembered.
    List<String> pair = null;
    if (here.size() >= 2) {
      pair = List.of(here.get(0), here.get(1));
    } else if (s.getOrDefault("comparison", 0.0) >= 2.5) {
      List<String> pool = new ArrayList<>(here);
      for (String c : ctx.careers()) if (!pool.contains(c)) pool.add(c);
      if (pool.size() == 1 && !pool.get(0).equals(subject)) pool.add(subject);
      if (pool.size() == 1 && !pool.get(0).equals(mainCareer)) pool.add(mainCareer);
      if (pool.size() >= 2) pair = List.of(pool.get(0), pool.get(1));
    }
    if (pair != null && (here.size() >= 2 || "comparison".equals(intent) || s.getOrDefault("comparison", 0.0) >= 2.5)) {
      // Put the main career first when it is one of the two, as the sources do.
      if (pair.get(1).equals(mainCareer)) pair = List.of(pair.get(1), pair.get(0));
      return new Plan(Intent.COMPARISON, pair, u.level(), u.country(), u.otherCountry(), u.usd(), focus(s, u),
          confidence(score + 3), null);
    }
    s.remove("comparison");
    intent = top(s);
    score = intent == null ? 0 : s.get(intent);

    // "highest paid level" asks about the ladder of pay, not about places.
    if ("top_paying".equals(intent) && (u.words().contains("level") || u.words().contains("levels"))) {
      intent = "salary_by_level";
    }
    // "what about entry level?" after an hourly answer stays hourly.
    if ("salary_by_level".equals(intent) && pay == 0 && "hourly".equals(ctx.intent())) intent = "hourly";
    // A level with a time or duties question is about the career ladder: "how long until senior?"
    if (u.level() != null && intent != null && Set.of("time_to_become", "duties", "experience").contains(intent)
        || u.level() != null && !"junior".equals(u.level()) && "how_to_become".equals(intent)) {
      intent = "career_path";
      score = Math.max(score, 2);
    }
    // After a comparison, a figure question without a new career compares that figure for both careers.
    if (Intent.COMPARISON.equals(ctx.intent()) && here.isEmpty() && ctx.careers().size() >= 2 && intent != null
        && COMPARABLE.contains(intent) && u.level() == null && !place) {
      return new Plan(Intent.COMPARISON, List.of(ctx.careers().get(0), ctx.careers().get(1)), null, null, null,
          false, focus(s, u), confidence(score + 1), null);
    }
    List<String> careers = here.isEmpty()
        ? (ctx.careers().isEmpty() ? List.of(subject) : List.of(ctx.careers().get(0)))
        : List.of(here.get(0));
    // Two levels named ("junior vs senior") ask for the whole ladder, not one rung.
    String level = levelWords >= 2 ? null : u.level();
    String country = u.country() != null ? u.country() : (u.otherCountry() == null ? ctx.country() : null);
    boolean usd = u.usd();

    // A follow-up that only names a place, level, currency or career keeps the previous topic.
    // (A named career alone keeps the topic only when nothing else is asked: "how about coordinators?")
    if (ctx.intent() != null && (score < 1.5 && (place || u.level() != null) || score == 0 && !here.isEmpty()
        && onlyNamesCareers(u))) {
      String prev = ctx.intent();
      String next = prev;
      if (place && (payContext || score == 0 || prev.equals("visa") == false)) {
        next = prev.equals("visa") && !u.usd() ? "visa" : "salary_by_place";
      } else if (u.level() != null && payContext) {
        next = "hourly".equals(prev) ? "hourly" : "salary_by_level";
      } else if (u.level() != null && "career_path".equals(prev)) {
        next = "career_path";
      }
      if (Intent.COMPARISON.equals(next) && !here.isEmpty()) {
        List<String> p2 = here.get(0).equals(subject) && ctx.careers().size() > 1
            ? List.of(subject, ctx.careers().get(1)) : List.of(subject, here.get(0));
        if (!p2.get(0).equals(p2.get(1))) {
          return new Plan(Intent.COMPARISON, p2, level, country, u.otherCountry(), usd, null, 0.8, null);
        }
        next = "overview";
      }
      if (Intent.COMPARISON.equals(next)) next = "salary";
      if ("salary_by_place".equals(next) && u.country() == null && u.otherCountry() == null && !u.usd()) {
        next = "salary";
      }
      String keptLevel = level != null ? level
          : (PAY.contains(next) || "career_path".equals(next)) && here.isEmpty() ? ctx.level() : null;
      return new Plan(next, careers, keptLevel, country, u.otherCountry(), usd, null, 0.8, null);
    }

    if (intent == null || score < 1) {
      if (u.glossary() != null) {
        return new Plan("glossary", careers, level, country, u.otherCountry(), usd, null, 0.7, null);
      }
      // Nothing recognised: let the index say whether a FAQ or section fits closely enough.
      // A question that names one of our careers is likely ours: a looser match will do. Without one, a
      // single meaningful word ("what time is it") is too little to go on.
      double enough = here.isEmpty() ? 0.6 : 0.5;
      if (here.isEmpty() && index.analyze(u.cleaned()).size() < 2) {
        return fallback(u, u.unknown().isEmpty() ? "unclear" : "nonsense");
      }
      List<KnowledgeIndex.Hit> hits = new ArrayList<>(index.search(u.cleaned(), null, null, 10));
      hits.sort((x, y) -> Double.compare(y.coverage(), x.coverage()));
      for (KnowledgeIndex.Hit h : hits) {
        if (h.coverage() >= enough && u.unknown().size() * 2 < Math.max(1, u.words().size())
            && !"lexicon".equals(h.kind()) && h.topic() != null && !h.topic().isEmpty()) {
          String t = topicIntent(h);
          if (t != null) {
            List<String> cs = h.career() != null && !h.career().isEmpty() && here.isEmpty() && ctx.careers().isEmpty()
                ? List.of(h.career()) : careers;
            return new Plan(t, cs, level, country, u.otherCountry(), usd, null, 0.5 * h.coverage(), null);
          }
        }
      }
      // A career named with nothing else we can place: tell them about that career.
      if (!here.isEmpty() && u.unknown().isEmpty()) {
        return new Plan("overview", careers, level, country, u.otherCountry(), usd, null, 0.6, null);
      }
      return fallback(u, u.unknown().isEmpty() ? "unclear" : "nonsense");
    }

    // A pay question about something the knowledge doesn't know ("how much do astronomers make") is not ours.
    if (here.isEmpty() && PAY.contains(intent) && !u.unknown().isEmpty()
        && u.unknown().stream().anyMatch(w -> w.length() >= 4 && Character.isLetter(w.charAt(0)))) {
      return fallback(u, u.unknown().stream().anyMatch(w -> w.endsWith("er") || w.endsWith("ist") || w.endsWith("ian")
          || w.endsWith("ers") || w.endsWith("ists") || w.endsWith("ians")) ? "career" : "subject");
    }
    if ("salary_by_place".equals(intent) && u.country() == null && u.otherCountry() == null && usd
        && ctx.country() == null) {
      intent = "salary";
    }
    return new Plan(intent, careers, level, country, u.otherCountry(), usd, null, confidence(score), null);
  }

  /** "this job", "this role", "the position here": the page's career, whatever the conversation named before. */
  private static boolean pointsAtThisJob(List<String> words) {
    for (int i = 0; i + 1 < words.size(); i++) {
      if ((words.get(i).equals("this") || words.get(i).equals("that")) && THIS_JOB.contains(words.get(i + 1))) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> FOLLOW_UP_WORDS = Set.of("how", "about", "what", "and", "for", "the", "a", "an",
      "with", "of", "them", "those", "then", "ok", "okay", "so", "now", "instead", "same", "but", "or", "too",
      "also");

  /** "how about patient coordinators?": besides the career, only the words of a follow-up. */
  private boolean onlyNamesCareers(Understanding u) {
    Set<String> careerWords = new java.util.HashSet<>();
    for (String id : u.careers()) {
      var c = model.careers().get(id);
      careerWords.addAll(careerbot.search.Text.words(careerbot.search.Text.clean(c.name() + " " + c.plural() + " "
          + String.join(" ", c.aliases()))));
    }
    return u.words().stream().allMatch(w -> FOLLOW_UP_WORDS.contains(w) || careerWords.contains(w)
        || careerWords.contains(Recognizer.stem(w)) || careerWords.stream().anyMatch(cw -> Recognizer.stem(cw).equals(Recognizer.stem(w))));
  }

  private static String topicIntent(KnowledgeIndex.Hit h) {
    return switch (h.kind()) {
      case "glossary" -> null;
      case "figure" -> switch (h.topic()) {
        case "salary", "industry_salary" -> "salary";
        case "hourly" -> "hourly";
        case "growth" -> "growth";
        case "jobs", "annual_openings" -> "jobs";
        case "age", "gender_share", "race_share", "lgbt_share" -> "demographics";
        case "experience_years" -> "experience";
        case "employer_jobs" -> "employers";
        case "skill_share" -> "skills";
        case "time_to_become", "program_length" -> "time_to_become";
        case "level_years" -> "career_path";
        case "degree_share", "major", "college", "education_cost", "degree_likelihood" -> "education";
        default -> "top_paying";
      };
      case "career" -> "overview";
      default -> switch (h.topic()) {
        case "soft_skills", "technical_skills" -> "skills";
        case "growth_areas", "market_outlook" -> "market_trends";
        case "salary_factors" -> "salary";
        case "related_careers" -> "overview";
        default -> h.topic();
      };
    };
  }

  /** The figure metric a comparison question leads with ("who has more years of experience"). */
  private static String focus(java.util.Map<String, Double> s, Understanding u) {
    List<String> w = u.words();
    if (s.getOrDefault("hourly", 0.0) > 0) return "hourly";
    if (s.getOrDefault("experience", 0.0) > 0) return "experience_years";
    if (w.contains("age") || w.contains("old") || w.contains("older") || w.contains("younger")) return "age";
    if (s.getOrDefault("growth", 0.0) > 0) return "growth";
    if (s.getOrDefault("jobs", 0.0) > 0) return "jobs";
    if (s.getOrDefault("top_paying", 0.0) >= 2) return "highest_paying_state";
    if (s.getOrDefault("time_to_become", 0.0) > 0) return "time_to_become";
    if (w.contains("degree") || w.contains("bachelor") || w.contains("education")) return "degree_share";
    if (w.contains("satisfaction") || w.contains("satisfied") || w.contains("happier")) return "satisfaction";
    if (w.contains("major")) return "major";
    if (s.getOrDefault("salary", 0.0) > 0) return "salary";
    return null;
  }

  private static String top(java.util.Map<String, Double> s) {
    return Understanding.top(s);
  }

  private static double confidence(double score) {
    return Math.round(Math.min(0.99, 0.4 + score / 8) * 100) / 100.0;
  }

  private Plan fallback(Understanding u, String reason) {
    return new Plan(Intent.FALLBACK, u.careers(), null, null, null, false, null, 0.0, reason);
  }
}
