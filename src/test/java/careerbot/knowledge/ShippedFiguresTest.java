package careerbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped pack holds each key figure of the seed documents, exactly, with the right source. */
class ShippedFiguresTest {
  static KnowledgeModel model;

  @BeforeAll
  static void load() {
    LoadResult r = KnowledgeLoader.load(Path.of("knowledge"));
    assertTrue(r.ok(), () -> r.problems().toString());
    model = r.model();
  }

  /** career | metric | stat | level | country | subject | value (or low-high, or text) | source */
  @ParameterizedTest(name = "{0} {1} {2} {3} {4} {5} = {6} from {7}")
  @CsvSource(delimiter = '|', nullValues = "", value = {
      "patient-service-specialist|salary|average|||| 33563|comparison-css",
      "patient-service-specialist|salary|median|||| 40300|guide",
      "patient-service-specialist|salary|range|||| 27000-40000|comparison-css",
      "patient-service-specialist|hourly|unspecified|||| 16.14|comparison-css",
      "patient-service-specialist|growth|value|||| -4|comparison-css",
      "patient-service-specialist|growth|value|||| 8|guide",
      "patient-service-specialist|salary|range|||| 30000-55000|guide",
      "patient-service-specialist|jobs|count|||| 105915|comparison-css",
      "patient-service-specialist|annual_openings|count|||| 180000|guide",
      "patient-service-specialist|degree_share|share|||Bachelor's Degree| 36|comparison-css",
      "patient-service-specialist|major|value|||| Business|comparison-css",
      "patient-service-specialist|college|value|||| University of Pennsylvania|comparison-css",
      "patient-service-specialist|age|average|||| 40|comparison-css",
      "patient-service-specialist|experience_years|unspecified|||| 4|comparison-css",
      "patient-service-specialist|highest_paying_city|value|||| Springfield, MA|comparison-css",
      "patient-service-specialist|highest_paying_state|value|||| Massachusetts|comparison-css",
      "patient-service-specialist|best_paying_company|value|||| Virginia Eye Institute|comparison-css",
      "patient-service-specialist|best_paying_industry|value|||| Health Care|comparison-css",
      "patient-service-specialist|industry_salary|average|||Health Care| 33449|pss-profile",
      "patient-service-specialist|gender_share|share|||Male| 12.5|comparison-css",
      "patient-service-specialist|gender_share|share|||Female| 87.5|comparison-css",
      "patient-service-specialist|race_share|share|||White| 54|comparison-css",
      "patient-service-specialist|race_share|share|||Hispanic or Latino| 21.9|comparison-css",
      "patient-service-specialist|lgbt_share|share|||| 7|comparison-css",
      "patient-service-specialist|salary|median|junior|United States|| 35000|guide",
      "patient-service-specialist|salary|average|junior|United States|| 38000|guide",
      "patient-service-specialist|salary|median|mid|United States|| 42000|guide",
      "patient-service-specialist|salary|average|senior|United States|| 52000|guide",
      "patient-service-specialist|salary|median|lead|United States|| 55000|guide",
      "patient-service-specialist|salary|average|lead|United States|| 58000|guide",
      "patient-service-specialist|hourly|range|entry||| 15-20|guide",
      "patient-service-specialist|hourly|range|experienced||| 20-25|guide",
      "patient-service-specialist|salary|range||United States|| 35000-55000|guide",
      "patient-service-specialist|salary|range||Canada|| 38000-50000|guide",
      "patient-service-specialist|salary|range||United Kingdom|| 22000-30000|guide",
      "patient-service-specialist|salary|range||Germany|| 28000-38000|guide",
      "patient-service-specialist|salary|range||Australia|| 45000-60000|guide",
      "patient-service-specialist|salary|range||Singapore|| 30000-45000|guide",
      "patient-service-specialist|salary|range||Brazil|| 30000-50000|guide",
      "patient-service-specialist|skill_share|share|||Physical Therapy| 8|pss-profile",
      "patient-service-specialist|skill_share|share|||Patients| 20|pss-profile",
      "patient-service-specialist|employer_jobs|count|||Select Medical| 316|pss-profile",
      "patient-service-specialist|employer_jobs|count|||University of Washington| 109|pss-profile",
      "patient-service-specialist|time_to_become|range|||| 2-4|comparison-css",
      "customer-service-specialist|salary|average|||| 33238|comparison-css",
      "customer-service-specialist|experience_years|unspecified|||| 12|comparison-css",
      "customer-service-specialist|satisfaction|value|||| 4|comparison-css",
      "customer-service-specialist|jobs|count|||| 223323|comparison-css",
      "patient-coordinator|salary|average|||| 32954|comparison-coordinator",
      "patient-coordinator|hourly|unspecified|||| 15.84|comparison-coordinator",
      "patient-coordinator|highest_paying_city|value|||| Brockton, MA|comparison-coordinator",
      "medical-office-administrator|salary|average|||| 34252|comparison-moa",
      "medical-office-administrator|growth|value|||| -8|comparison-moa",
      "medical-office-administrator|age|average|||| 49|comparison-moa",
      "medical-office-administrator|highest_paying_state|value|||| Alaska|comparison-moa",
      "patient-advocate|industry_salary|average|||Health Care| 35016|pss-profile",
      "patient-representative|industry_salary|average|||Non Profits| 34572|pss-profile",
      "insurance-verification-specialist|industry_salary|average|||Pharmaceutical| 35651|pss-profile",
      "patient-advocate|degree_likelihood|share|||Master's Degree| 4.5|pss-profile",
      "insurance-verification-specialist|degree_likelihood|share|||Master's Degree| -1.9|pss-profile"})
  void theKeyFigureIsThereWithItsSource(String career, String metric, String stat, String level, String country,
      String subject, String expected, String source) {
    List<Figure> found = model.figures(career, metric).stream()
        .filter(f -> f.stat().equals(stat))
        .filter(f -> java.util.Objects.equals(f.level(), level))
        .filter(f -> java.util.Objects.equals(f.place().country(), country))
        .filter(f -> java.util.Objects.equals(subject, f.subject()))
        .filter(f -> f.source().equals(source))
        .toList();
    assertEquals(1, found.size(), () -> "expected one figure, found " + found);
    Figure f = found.get(0);
    String actual = f.isRange() ? num(f.low()) + "-" + num(f.high()) : f.isText() ? f.text() : num(f.value());
    assertEquals(expected.strip(), actual);
    assertEquals(source, f.source());
  }

  @Test
  void disagreeingSourcesAreBothKept() {
    List<Figure> pay = model.figures("patient-service-specialist", "salary").stream()
        .filter(f -> f.level() == null && f.place().isEmpty() && !f.isRange()).toList();
    assertEquals(List.of("average:comparison-css", "median:guide"),
        pay.stream().map(f -> f.stat() + ":" + f.source()).toList());
    List<Figure> growth = model.figures("patient-service-specialist", "growth");
    assertEquals(List.of(-4.0, 8.0), growth.stream().map(Figure::value).toList());
  }

  @Test
  void everySourceOfTheSeedsIsRegistered() {
    assertEquals(List.of("comparison-css", "comparison-coordinator", "pss-profile", "comparison-moa", "guide"),
        model.sources().values().stream().filter(s -> !s.isEditorial()).map(Source::id).toList());
    assertEquals("Himalayas", model.sources().get("guide").publisher());
  }

  @Test
  void figureKindsAreOnlyWhatTheSourcesState() {
    // The comparison pages label hourly rates and years of experience without saying average or median.
    for (Figure f : model.figures()) {
      if (f.metric().equals("experience_years") || f.source().startsWith("comparison") && f.metric().equals("hourly")) {
        assertEquals("unspecified", f.stat(), f.id());
      }
    }
    Figure rating = model.figures("customer-service-specialist", "satisfaction").get(0);
    assertEquals("rating", rating.unit());
    Figure bls = model.figures("patient-service-specialist", "growth").stream()
        .filter(f -> f.source().equals("guide")).findFirst().orElseThrow();
    assertTrue(bls.approx(), "the guide says around 8%");
    assertTrue(model.figures("patient-service-specialist", "salary").stream().filter(f -> f.level() != null)
        .allMatch(f -> "United States".equals(f.place().country())), "the guide's level table is of US pay");
  }

  @Test
  void theEditorialSourceIsGeneralKnowledgeNotADocument() {
    Source editorial = model.sources().get("editorial");
    assertTrue(editorial.isEditorial());
    assertEquals("general definition", editorial.label());
    assertTrue(model.figures().stream().noneMatch(f -> f.source().equals("editorial")));
  }

  @Test
  void theHiringTimelineWithTrainingIsThere() {
    Figure f = model.figures("patient-service-specialist", "time_to_become").stream()
        .filter(x -> x.subject() != null && x.subject().contains("medical administrative assistant certificate"))
        .findFirst().orElseThrow();
    assertTrue(f.text().contains("a few weeks") && f.text().contains("several months"), f.text());
    assertEquals("guide", f.source());
  }

  private static String num(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
