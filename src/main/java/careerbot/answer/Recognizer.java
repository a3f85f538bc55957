package careerbot.answer;

import careerbot.knowledge.Career;
import careerbot.knowledge.Figure;
import careerbot.knowledge.GlossaryEntry;
import careerbot.knowledge.KnowledgeModel;
import careerbot.search.KnowledgeIndex;
import careerbot.search.Text;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a message: corrects typos against the knowledge's own words, finds the careers, level, place and
 * glossary terms named, scores every intent by its cues, and notes small talk and out-of-scope requests.
 * Immutable and thread-safe once built.
 */
final class Recognizer {
  private record Phrase(List<String> words, String id) {}

  /** The id prefix of a phrase naming a career the sources only mention. */
  private static final String RELATED = "related:";

  private final KnowledgeIndex index;
  private final List<Phrase> careerPhrases = new ArrayList<>();
  private final List<Phrase> glossaryPhrases = new ArrayList<>();
  private final Map<String, String> countries = new HashMap<>();
  private final Set<String> knownCountries;
  /** One-word synonyms from the packs: the word a user types to the words it stands for. */
  private final Map<String, List<String>> synonyms = new HashMap<>();

  private static final Map<String, String> COUNTRY_NAMES = Map.ofEntries(
      Map.entry("us", "United States"), Map.entry("usa", "United States"), Map.entry("america", "United States"),
      Map.entry("united states", "United States"), Map.entry("states", "United States"),
      Map.entry("united states of america", "United States"),
      Map.entry("canada", "Canada"), Map.entry("canadian", "Canada"), Map.entry("uk", "United Kingdom"),
      Map.entry("united kingdom", "United Kingdom"), Map.entry("britain", "United Kingdom"),
      Map.entry("great britain", "United Kingdom"), Map.entry("england", "United Kingdom"),
      Map.entry("british", "United Kingdom"), Map.entry("london", "United Kingdom"),
      Map.entry("scotland", "United Kingdom"), Map.entry("wales", "United Kingdom"),
      Map.entry("germany", "Germany"), Map.entry("german", "Germany"), Map.entry("deutschland", "Germany"),
      Map.entry("berlin", "Germany"), Map.entry("australia", "Australia"), Map.entry("australian", "Australia"),
      Map.entry("aussie", "Australia"), Map.entry("oz", "Australia"), Map.entry("sydney", "Australia"),
      Map.entry("melbourne", "Australia"), Map.entry("singapore", "Singapore"), Map.entry("brazil", "Brazil"),
      Map.entry("brazilian", "Brazil"), Map.entry("brasil", "Brazil"), Map.entry("toronto", "Canada"),
      Map.entry("vancouver", "Canada"),
      // A currency names its country in these packs' figures ("what about in pounds?").
      Map.entry("pounds", "United Kingdom"), Map.entry("pound", "United Kingdom"), Map.entry("gbp", "United Kingdom"),
      Map.entry("sterling", "United Kingdom"), Map.entry("euros", "Germany"), Map.entry("euro", "Germany"),
      Map.entry("eur", "Germany"), Map.entry("cad", "Canada"), Map.entry("aud", "Australia"),
      Map.entry("sgd", "Singapore"), Map.entry("brl", "Brazil"), Map.entry("reais", "Brazil"));

  private static final Map<String, String> SHORTHAND = Map.ofEntries(
      Map.entry("hw", "how"), Map.entry("wat", "what"), Map.entry("wht", "what"), Map.entry("mak", "make"),
      Map.entry("mke", "make"), Map.entry("abt", "about"), Map.entry("u", "you"), Map.entry("ur", "your"),
      Map.entry("r", "are"), Map.entry("yr", "year"), Map.entry("yrs", "years"), Map.entry("sal", "salary"),
      Map.entry("avg", "average"), Map.entry("payed", "paid"), Map.entry("thru", "through"),
      Map.entry("pls", "please"), Map.entry("plz", "please"), Map.entry("edu", "education"), Map.entry("req", "requirements"),
      Map.entry("reqs", "requirements"), Map.entry("certs", "certifications"), Map.entry("mo", "month"));

  private static final Set<String> OTHER_COUNTRIES = Sets.of("france", "french", "india", "indian", "japan",
      "japanese", "mexico", "mexican", "china", "chinese", "spain", "spanish", "italy", "italian", "ireland",
      "irish", "netherlands", "dutch", "new zealand", "south africa", "philippines", "filipino", "nigeria",
      "uae", "dubai", "sweden", "norway", "switzerland", "swiss", "korea", "korean", "russia", "poland",
      "portugal", "argentina", "chile", "colombia", "peru", "egypt", "kenya", "pakistan", "bangladesh",
      "indonesia", "malaysia", "thailand", "vietnam", "turkey", "israel", "saudi arabia", "qatar", "austria",
      "belgium", "denmark", "finland", "greece", "hong kong", "taiwan", "jamaica", "ghana");

  private static final Map<String, String> LEVEL_WORDS = Map.ofEntries(
      Map.entry("junior", "junior"), Map.entry("entry", "junior"), Map.entry("beginner", "junior"),
      Map.entry("beginners", "junior"), Map.entry("starting", "junior"), Map.entry("newbie", "junior"),
      Map.entry("trainee", "junior"), Map.entry("jr", "junior"), Map.entry("mid", "mid"),
      Map.entry("intermediate", "mid"), Map.entry("senior", "senior"), Map.entry("sr", "senior"),
      Map.entry("experienced", "senior"), Map.entry("veteran", "senior"), Map.entry("lead", "lead"),
      Map.entry("leads", "lead"), Map.entry("supervisor", "lead"), Map.entry("team lead", "lead"),
      Map.entry("mid level", "mid"), Map.entry("midlevel", "mid"));

  Recognizer(KnowledgeModel model, KnowledgeIndex index) {
    this.index = index;
    for (Career c : model.careers().values()) {
      addPhrase(careerPhrases, c.name(), c.id());
      if (c.plural() != null) addPhrase(careerPhrases, c.plural(), c.id());
      for (String a : c.aliases()) addPhrase(careerPhrases, a, c.id());
    }
    // A pack synonym whose meaning is a career name is one more way to name that career.
    for (careerbot.knowledge.Synonym syn : model.synonyms()) {
      List<String> canon = Text.words(Text.clean(syn.canonical())).stream().map(Recognizer::stem).toList();
      String career = careerPhrases.stream().filter(p -> p.words().equals(canon)).map(Phrase::id).findFirst()
          .orElse(null);
      for (String term : syn.terms()) {
        if (career != null) addPhrase(careerPhrases, term, career);
        List<String> tw = Text.words(Text.clean(term));
        if (tw.size() == 1 && career == null) synonyms.put(tw.get(0), Text.words(Text.clean(syn.canonical())));
      }
    }
    // A career's head noun alone ("coordinator", "advocate") names it when no other career shares it.
    Map<String, java.util.Set<String>> heads = new HashMap<>();
    for (Career c : model.careers().values()) {
      List<String> w = Text.words(Text.clean(c.name())).stream().map(Recognizer::stem).toList();
      if (!w.isEmpty()) heads.computeIfAbsent(w.get(w.size() - 1), k -> new java.util.HashSet<>()).add(c.id());
    }
    heads.forEach((head, ids) -> {
      if (ids.size() == 1) careerPhrases.add(new Phrase(List.of(head), ids.iterator().next()));
    });
    // Careers the sources only mention ("patient services coordinator") are matched too, so their words never
    // name a described career (by its head noun, say); a question about one alone is about a career we lack.
    for (String name : model.relatedCareers()) addPhrase(careerPhrases, name, RELATED + name);
    careerPhrases.sort(Comparator.comparingInt((Phrase p) -> -p.words().size()));
    for (GlossaryEntry g : model.glossary()) {
      addPhrase(glossaryPhrases, g.term(), g.id());
      if (g.name() != null) addPhrase(glossaryPhrases, g.name(), g.id());
    }
    glossaryPhrases.sort(Comparator.comparingInt((Phrase p) -> -p.words().size()));
    knownCountries = new java.util.HashSet<>();
    for (Figure f : model.figures()) {
      if (f.place().country() != null) knownCountries.add(f.place().country());
    }
    COUNTRY_NAMES.forEach((k, v) -> countries.put(k, v));
  }

  private static void addPhrase(List<Phrase> list, String text, String id) {
    List<String> words = Text.words(Text.clean(text)).stream().map(Recognizer::stem).toList();
    if (!words.isEmpty()) list.add(new Phrase(words, id));
  }

  /** A light plural folding for matching names: "coordinators" and "coordinator" are one word. */
  static String stem(String w) {
    if (w.length() > 4 && w.endsWith("ies")) return w.substring(0, w.length() - 3) + "y";
    if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  Understanding read(String raw) {
    String cleaned = Text.clean(raw);
    List<String> rawWords = Text.words(cleaned);
    List<String> words = new ArrayList<>(rawWords.size());
    List<String> unknown = new ArrayList<>();
    for (String typed : rawWords) {
      // Chat shorthand and short typos the speller leaves alone (it only mends words of 4+ letters).
      String w = SHORTHAND.getOrDefault(typed, typed);
      if (Character.isDigit(w.charAt(0)) || index.knows(w) || Cues.SMALL_WORDS.contains(w)) {
        words.add(w);
        continue;
      }
      String fixed = index.correct(w);
      if (fixed == null) {
        unknown.add(w);
        words.add(w);
      } else {
        words.add(fixed);
      }
    }
    // Pack synonyms: "wage" also counts as "salary" for the cues, without changing what the user said.
    List<String> cueWords = new ArrayList<>(words);
    for (String w : words) {
      List<String> canon = synonyms.get(w);
      if (canon != null) cueWords.addAll(canon);
    }
    List<String> stems = words.stream().map(Recognizer::stem).toList();
    List<String> named = match(careerPhrases, stems);
    List<String> careers = named.stream().filter(id -> !id.startsWith(RELATED)).toList();
    boolean onlyRelated = careers.isEmpty() && !named.isEmpty();
    List<String> glossary = match(glossaryPhrases, stems);
    String joined = " " + String.join(" ", words) + " ";
    String rawJoined = " " + String.join(" ", rawWords) + " ";

    String level = null;
    String country = null;
    String otherCountry = null;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      String two = i + 1 < words.size() ? w + " " + words.get(i + 1) : null;
      if (level == null) {
        if (two != null && LEVEL_WORDS.containsKey(two)) level = LEVEL_WORDS.get(two);
        else if (LEVEL_WORDS.containsKey(w)) level = LEVEL_WORDS.get(w);
      }
      String c = two != null && countries.containsKey(two) ? countries.get(two) : countries.get(w);
      if (c != null && country == null && !(w.equals("us") && !isCountryUs(words, i))
          && !(w.equals("states") && (i == 0 || !words.get(i - 1).equals("united")))) {
        country = c;
      }
      if (otherCountry == null) {
        if (two != null && OTHER_COUNTRIES.contains(two)) otherCountry = titleCase(two);
        else if (OTHER_COUNTRIES.contains(w)) otherCountry = titleCase(w);
      }
    }
    if (country != null && !knownCountries.contains(country)) {
      otherCountry = country;
      country = null;
    }
    boolean usd = joined.contains(" usd ") || joined.contains(" us dollars ") || joined.contains(" dollars ")
        || joined.contains(" dollar ") || joined.contains(" convert") || joined.contains(" us currency ")
        || joined.contains(" american money ");

    Map<String, Double> scores = new LinkedHashMap<>();
    for (var e : Cues.INTENTS.entrySet()) {
      double s = 0;
      for (Cues.Cue cue : e.getValue()) {
        if (cue.phrase()) {
          if (joined.contains(" " + cue.text() + " ")) s += cue.weight();
        } else if (cue.prefix()) {
          for (String w : cueWords) {
            if (w.startsWith(cue.text())) {
              s += cue.weight();
              break;
            }
          }
        } else if (cueWords.contains(cue.text())) {
          s += cue.weight();
        }
      }
      if (s > 0) scores.put(e.getKey(), s);
    }
    return new Understanding(cleaned, List.copyOf(words), List.copyOf(unknown), careers,
        glossary.isEmpty() ? null : glossary.get(0), level, country, otherCountry, usd, scores,
        onlyRelated ? "career" : outOfScope(cleaned, rawWords, rawJoined, careers), smallTalk(rawWords, rawJoined));
  }

  private static boolean isCountryUs(List<String> words, int i) {
    // "us" is a pronoun unless it reads as a place: "in the us", "us pay", "us salary"; "us dollars" is a currency
    if (i + 1 < words.size() && Set.of("dollars", "dollar", "currency", "usd").contains(words.get(i + 1))) return false;
    if (i > 0 && Set.of("the", "in", "across", "within", "for").contains(words.get(i - 1))) return true;
    if (i + 1 < words.size() && Set.of("salary", "pay", "market", "wage", "wages", "median",
        "average").contains(words.get(i + 1))) return true;
    return false;
  }

  private static String titleCase(String s) {
    StringBuilder b = new StringBuilder();
    for (String p : s.split(" ")) {
      if (b.length() > 0) b.append(' ');
      b.append(p.length() <= 3 ? p.toUpperCase(Locale.ROOT) : Character.toUpperCase(p.charAt(0)) + p.substring(1));
    }
    return b.toString();
  }

  private static List<String> match(List<Phrase> phrases, List<String> stems) {
    List<String> found = new ArrayList<>();
    boolean[] used = new boolean[stems.size()];
    for (int i = 0; i < stems.size(); i++) {
      if (used[i]) continue;
      for (Phrase p : phrases) {
        int n = p.words().size();
        if (i + n > stems.size()) continue;
        boolean ok = true;
        for (int k = 0; k < n && ok; k++) ok = !used[i + k] && stems.get(i + k).equals(p.words().get(k));
        if (ok) {
          for (int k = 0; k < n; k++) used[i + k] = true;
          if (!found.contains(p.id())) found.add(p.id());
          break;
        }
      }
    }
    return found;
  }

  private static String outOfScope(String cleaned, List<String> rawWords, String rawJoined, List<String> careers) {
    for (String cue : OutOfScope.INJECTION) {
      if (rawJoined.contains(" " + cue + " ") || rawJoined.contains(" " + cue)) return "instructions";
    }
    for (String w : rawWords) {
      if (OutOfScope.CREATIVE.contains(w)) return "creative";
    }
    for (String action : OutOfScope.ACTIONS) {
      if (rawJoined.contains(" " + action + " ")) return "action";
    }
    if (!careers.isEmpty()) return null;
    for (String occupation : OutOfScope.OCCUPATIONS) {
      if (occupation.indexOf(' ') > 0) {
        if (rawJoined.contains(" " + occupation + " ") || rawJoined.contains(" " + occupation + "s ")) return "career";
      }
    }
    for (String w : rawWords) {
      if (OutOfScope.OCCUPATIONS.contains(w) || OutOfScope.OCCUPATIONS.contains(stem(w))
          || (w.endsWith("es") && OutOfScope.OCCUPATIONS.contains(w.substring(0, w.length() - 2)))) {
        return "career";
      }
    }
    for (String w : rawWords) {
      if (OutOfScope.MEDICAL.contains(w)) return "medical";
    }
    if (rawJoined.contains(" legal advice ")) return "legal";
    for (String w : rawWords) {
      if (OutOfScope.LEGAL.contains(w)) return "legal";
    }
    for (String w : rawWords) {
      if (OutOfScope.OTHER.contains(w)) return "topic";
    }
    // arithmetic: "2+2", "what is 7 * 8", "12 divided by 4"
    for (int i = 1; i + 1 < cleaned.length(); i++) {
      char c = cleaned.charAt(i);
      if ((c == '+' || c == '*' || c == '/' || c == '^' || c == '=' || c == 'x' || c == '-')) {
        int l = i - 1;
        while (l >= 0 && cleaned.charAt(l) == ' ') l--;
        int r = i + 1;
        while (r < cleaned.length() && cleaned.charAt(r) == ' ') r++;
        if (l >= 0 && r < cleaned.length() && Character.isDigit(cleaned.charAt(l)) && Character.isDigit(cleaned.charAt(r))
            && c != '-' && !(c == 'x' && Character.isLetter(l > 0 ? cleaned.charAt(l - 1) : ' '))) {
          return "math";
        }
      }
    }
    if (rawJoined.contains(" plus ") || rawJoined.contains(" divided by ") || rawJoined.contains(" times ")
        && rawWords.stream().anyMatch(w -> Character.isDigit(w.charAt(0)))) {
      return "math";
    }
    return null;
  }

  private static final Set<String> GREETINGS = Sets.of("hi", "hello", "hey", "hiya", "howdy", "yo", "greetings",
      "morning", "afternoon", "evening", "sup", "hola", "there", "good", "bot", "careerbot", "whats", "up");
  private static final Set<String> THANKS = Sets.of("thanks", "thank", "you", "thx", "ty", "cheers", "appreciate",
      "it", "great", "awesome", "perfect", "helpful", "helps", "helped", "useful", "that", "was", "very", "so",
      "much", "ok", "okay", "cool", "good", "info", "information", "answer", "answers", "for", "the", "all",
      "nice", "got", "bye", "goodbye", "see", "ya", "later", "a", "lot", "many", "really", "this", "is", "sounds");

  private static String smallTalk(List<String> words, String joined) {
    if (words.isEmpty()) return null;
    if (joined.contains(" who are you ") || joined.contains(" what are you ") || joined.contains(" are you a bot ")
        || joined.contains(" are you human ") || joined.contains(" are you a robot ") || joined.contains(" your name ")
        || joined.contains(" who made you ") || joined.contains(" who built you ") || joined.contains(" are you real ")
        || joined.contains(" introduce yourself ") || joined.contains(" are you an ai ")) {
      return "about";
    }
    if (words.size() <= 6 && (joined.contains(" help ") || joined.contains(" what can you do ")
        || joined.contains(" what can i ask ") || joined.contains(" what do you know ")
        || joined.contains(" how does this work ") || joined.contains(" what can you help "))
        || joined.contains(" what can you do ") || joined.contains(" what can i ask ")
        || joined.contains(" what can you help me with ") || joined.contains(" what do you know about ")
        && words.size() <= 6) {
      return "help";
    }
    if (words.size() <= 8 && GREETINGS.containsAll(words.subList(0, Math.min(words.size(), 8)))) return "greeting";
    if (words.size() <= 8 && THANKS.containsAll(words)
        && (words.contains("thanks") || words.contains("thank") || words.contains("thx") || words.contains("ty")
        || words.contains("cheers") || words.contains("appreciate") || words.contains("bye")
        || words.contains("goodbye") || words.contains("helpful") || words.contains("great")
        || words.contains("awesome") || words.contains("perfect") || words.contains("cool") || words.contains("nice"))) {
      return "thanks";
    }
    return null;
  }
}
