package careerbot.answer;

import careerbot.knowledge.Figure;
import careerbot.knowledge.KnowledgeModel;
import careerbot.knowledge.Source;
import careerbot.knowledge.Synonym;
import careerbot.search.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the sources say about the page's place ({@code data-location}, such as "Springfield, MA"): when a
 * pay answer's career has a figure naming that city or its state (the highest-paying city or state), the
 * answer says so, with the figure's source. Where the sources say nothing about the place, nothing is
 * added: no figure is made up for a place. State abbreviations are read through the pack's synonyms
 * ({@code canonical: massachusetts, terms: [ma]}). Stateless and thread-safe.
 */
final class Places {
  private Places() {}

  private static final List<String> CITY_METRICS = List.of("highest_paying_city");
  private static final List<String> STATE_METRICS = List.of("highest_paying_state");

  /** An answer about pay (intents.yaml {@code pay: true}) notes what the sources say of the page's place. */
  static Answer mention(Answer answer, Plan plan, String location, KnowledgeModel model) {
    if (location == null || location.isBlank() || !model.traits().pay(answer.intent()) || plan.career() == null) {
      return answer;
    }
    Place here = Place.parse(location, model);
    if (here == null) return answer;
    String career = plan.career();
    List<String> sources = new ArrayList<>();
    List<String> figures = new ArrayList<>();
    Figure city = null;
    Figure state = null;
    for (Figure f : model.figures(career)) {
      if (f.text() == null || !CITY_METRICS.contains(f.metric()) && !STATE_METRICS.contains(f.metric())) continue;
      Place there = Place.parse(f.text(), model);
      if (there == null) continue;
      if (CITY_METRICS.contains(f.metric()) && here.sameCity(there)) city = f;
      else if (STATE_METRICS.contains(f.metric()) && here.state() != null && here.state().equals(there.state())) {
        state = f;
      }
    }
    List<String> parts = new ArrayList<>();
    for (Figure f : Arrays.asList(city, state)) {
      if (f == null) continue;
      parts.add("**" + f.text() + "** the highest-paying " + (f == city ? "city" : "state"));
      if (!sources.contains(f.source())) sources.add(f.source());
      figures.add(f.id());
    }
    List<String> notes = new ArrayList<>();
    if (!parts.isEmpty()) {
      String cited = String.join("; ", sources.stream().map(id -> label(model, id)).toList());
      notes.add("Where this job is: my sources name " + String.join(" and ", parts) + " for " + plural(model, career)
          + " (" + cited + ")" + (city != null ? "; they give no pay figure for the city itself." : "."));
    }
    if (notes.isEmpty()) return answer;
    List<SourceRef> refs = new ArrayList<>(answer.sources());
    for (String id : sources) {
      if (refs.stream().noneMatch(r -> r.id().equals(id))) {
        refs.add(new SourceRef(id, model.source(id).map(Source::title).orElse(id)));
      }
    }
    List<Match> matches = new ArrayList<>(answer.matches());
    matches.add(new Match("rule", "place", 1.0));
    for (String id : figures) matches.add(new Match("figure", id, 1.0));
    return new Answer(answer.text() + "\n\n" + String.join("\n", notes), answer.intent(), answer.confidence(), refs,
        answer.suggestions(), answer.table(), matches);
  }

  private static String label(KnowledgeModel model, String sourceId) {
    return model.source(sourceId).map(s -> s.label() != null ? s.label() : s.title()).orElse(sourceId);
  }

  private static String plural(KnowledgeModel model, String id) {
    return model.careers().get(id).pluralName();
  }

  /** A place as written on a page or in a figure: "Springfield, MA", "Massachusetts". */
  record Place(String city, String state) {
    boolean sameCity(Place other) {
      return city != null && city.equals(other.city()) && (state == null || other.state() == null
          || state.equals(other.state()));
    }

    /** "City, ST" or "City, State" or a lone state; null for anything else. */
    static Place parse(String text, KnowledgeModel model) {
      String t = Text.clean(text).strip();
      if (t.isEmpty() || t.length() > 100) return null;
      String[] parts = text.split(",");
      if (parts.length == 2) {
        return new Place(Text.clean(parts[0]).strip(), state(parts[1], model));
      }
      if (parts.length == 1) {
        String st = state(text, model);
        return isState(st, model) ? new Place(null, st) : new Place(t, null);
      }
      return null;
    }

    /** A state's canonical name in lower case, through the pack's synonyms ("ma" to "massachusetts"). */
    private static String state(String raw, KnowledgeModel model) {
      String s = Text.clean(raw).strip();
      for (Synonym syn : model.synonyms()) {
        for (String term : syn.terms()) {
          if (term.toLowerCase(Locale.ROOT).equals(s)) return syn.canonical().toLowerCase(Locale.ROOT);
        }
      }
      return s;
    }

    private static boolean isState(String name, KnowledgeModel model) {
      for (Figure f : model.figures()) {
        if (STATE_METRICS.contains(f.metric()) && f.text() != null
            && Text.clean(f.text()).strip().equals(name)) {
          return true;
        }
      }
      return false;
    }
  }
}
