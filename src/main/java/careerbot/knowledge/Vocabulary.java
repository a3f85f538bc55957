package careerbot.knowledge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fixed words of the pack format: metrics, statistics, topics, levels, currencies. Packs may add
 * careers, figures and sections freely, but only with these words, because the answer engine knows how to
 * phrase each of them.
 */
public final class Vocabulary {
  private Vocabulary() {}

  /** Metric id to a label that reads well in an answer ("average age"). */
  public static final Map<String, String> METRICS = labels(
      "salary", "yearly salary",
      "hourly", "hourly pay",
      "growth", "job growth",
      "jobs", "number of jobs",
      "annual_openings", "openings per year",
      "satisfaction", "job satisfaction",
      "degree_share", "most common degree",
      "major", "most common major",
      "college", "most common college",
      "age", "average age",
      "experience_years", "years of experience",
      "highest_paying_city", "highest-paying city",
      "highest_paying_state", "highest-paying state",
      "best_paying_company", "best-paying company",
      "best_paying_industry", "best-paying industry",
      "industry_salary", "salary in the best-paying industry",
      "gender_share", "gender split",
      "race_share", "racial and ethnic mix",
      "lgbt_share", "LGBT share",
      "education_cost", "cost of training",
      "program_length", "length of training",
      "time_to_become", "time to become one",
      "skill_share", "share of resumes listing the skill",
      "employer_jobs", "open jobs at an employer",
      "degree_likelihood", "likelihood of an advanced degree",
      "level_years", "years at a level");

  /** What kind of figure: {@code unspecified} when the source gives a number without saying average or median. */
  public static final Set<String> STATS = Set.of("average", "median", "range", "share", "count", "value",
      "unspecified");
  public static final Set<String> PER = Set.of("year", "hour", "total");
  /** {@code rating}: a score the source shows without a scale (a job-satisfaction rating). */
  public static final Set<String> UNITS = Set.of("percent", "count", "years", "months", "weeks", "age", "text",
      "rating");
  public static final Set<String> SOURCE_KINDS = Set.of(Source.DOCUMENT, Source.EDITORIAL);
  public static final Set<String> CURRENCIES = Set.of("USD", "CAD", "GBP", "EUR", "AUD", "SGD", "BRL");

  /** Levels in career order; entry and experienced are the looser labels some sources use. */
  public static final Map<String, String> LEVELS = labels(
      "entry", "entry level",
      "junior", "junior",
      "mid", "mid level",
      "experienced", "experienced",
      "senior", "senior",
      "lead", "lead");

  public static final Set<String> TOPICS = Set.of(
      "overview", "duties", "work_environment", "schedule", "tools", "skills", "soft_skills",
      "technical_skills", "certifications", "education", "how_to_become", "time_to_become", "career_path",
      "salary_factors", "benefits", "market_outlook", "market_trends", "challenges", "growth_areas",
      "automation", "remote", "visa", "diversity", "pros", "cons", "employers", "related_careers",
      // FAQ topics may also name a metric-style subject
      "salary", "hourly", "growth", "jobs", "demographics", "experience", "comparison", "salary_by_level",
      "salary_by_place", "top_paying");

  public static final Set<String> GLOSSARY_KINDS = Set.of("certification", "system", "body", "regulation", "term",
      "program", "test");

  private static Map<String, String> labels(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
    return Collections.unmodifiableMap(m);
  }
}
