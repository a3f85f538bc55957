package careerbot.answer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words and phrases that signal each intent, with weights. Matched against the corrected words of a
 * question: a plain word matches a word, "word*" matches any word starting with it, and a phrase with a
 * space matches the words in sequence. Kept in one table so an editor of the engine sees every rule.
 */
final class Cues {
  private Cues() {}

  record Cue(String text, double weight, boolean prefix, boolean phrase) {}

  static final Map<String, List<Cue>> INTENTS = new LinkedHashMap<>();

  static {
    put("salary", "salary:2 salaries:2 pay:1.5 pays:1.5 paid:1.5 paying:1 earn:1.5 earns:1.5 earning:1.5 earnings:1.5"
        + " make:1 makes:1 making:1 wage:1.5 wages:1.5 income:1.5 compensation:1.5 comp:1 money:1.5 paycheck:1.5"
        + " annual:1 annually:1 yearly:1 rate:0.5 worth:0.5 |how_much:1.5 |going_rate:1.5 |per_year:1 |a_year:1"
        + " |take_home:1.5 |pay_scale:1.5 monthly:1.5 |per_month:1.5 |a_month:1.5 weekly:1 salery:2 sallary:2 renumeration:1.5 remuneration:1.5 median:1 average:0.5"
        + " |bring_in:1 |get_paid:1.5 starting:0.5 k:0.3");
    put("hourly", "hourly:3 hour:2.5 hr:2.5 hrs:2 |per_hour:3 |an_hour:3 |by_the_hour:3 |hour_rate:2");
    put("salary_by_level", "junior:1 senior:1 lead:1 entry:1 |entry_level:1 beginner:1 mid:1 |mid_level:1"
        + " level:1 levels:1 |by_level:2 |experience_level:2 starting:1 |new_grad:1 experienced:0.5");
    put("salary_by_place", "world:2 globally:2 global:2 countries:2 country:1.5 international:1.5"
        + " internationally:1.5 abroad:1 |around_the_world:2 |other_countries:2 |by_country:3 |per_country:3"
        + " |each_country:3");
    put("top_paying", "|highest_paying:3 |best_paying:3 |top_paying:3 |pays_the_most:3 |pay_the_most:3"
        + " |earn_the_most:3 |make_the_most:3 |paid_the_most:3 |most_money:2 |highest_salary:2 |highest_salaries:2"
        + " |best_pay:2 |pays_best:3 |pay_best:3 |pays_more:0.5 |which_state:2 |which_city:2 |which_company:2"
        + " |which_industry:2 |what_state:2 |what_city:2 |what_company:2 |what_industry:2 |best_industry:2"
        + " |top_state:2 |top_city:2 |best_state:2 |best_city:2 |best_company:2 |best_companies:2 |highest_pay:2"
        + " |best_place:1.5 |best_places:1.5 |highest_paid:2 |most_lucrative:2 |pays_highest:3 |pay_highest:3"
        + " |top_company:2 |top_industry:2 |by_state:3 |per_state:3 |each_state:3 |by_city:3 |which_states:2"
        + " |which_cities:2");
    put("growth", "growth:2 grow:1 growing:1.5 outlook:2 demand:1.5 projected:1.5 projection:1.5 projections:1.5"
        + " decline:1.5 declining:1.5 shrinking:1.5 |in_demand:2 |job_prospects:2 prospects:1.5 future:1"
        + " |growth_rate:2 expanding:1 |job_security:2 secure:1 stable:2 stability:2 |going_away:1 |dying:1");
    put("jobs", "|how_many_jobs:3 |number_of_jobs:3 openings:2.5 vacancies:2 positions:1.5 |job_openings:2.5"
        + " |how_many_people:2 employed:1 |how_many:1 |jobs_are_there:2 |jobs_available:2 |number_of:2"
        + " |how_many_positions:3 |open_jobs:1.5 |job_count:2 |many_jobs:2");
    put("education", "degree:2 degrees:2 education:2 educational:2 school:1 diploma:2 ged:2 study:1 studies:1"
        + " qualification:1.5 qualifications:1.5 requirement:1.5 requirements:1.5 bachelor:2 bachelors:2"
        + " associate:1.5 associates:1.5 university:1 major:2 majors:2 college:1.5 tuition:2 cost:1 costs:1"
        + " |go_to_school:2 |need_a_degree:2 educaton:2 training:1.5 train:1 program:1 programs:1 course:1"
        + " courses:1 academic:1 |high_school:2 masters:1 doctoral:1 phd:1 required:1 |what_to_study:2"
        + " expensive:1 |cost_of:2 |how_much_does_it_cost:2 |what_did_they_study:2 studied:1.5 schooling:2 |most_common_degree:2");
    put("certifications", "certification:3 certifications:3 certificate:2 certificates:2 certified:2 cert:3 certs:3"
        + " credential:2 credentials:2 license:1.5 licensing:1.5 licence:1.5 cmaa:3 cpss:3 nha:2 aapc:2 exam:1"
        + " certifcation:3 certificaton:3");
    put("skills", "skill:2.5 skills:2.5 abilities:2 ability:1.5 qualities:2 traits:2 strengths:1.5 competencies:2"
        + " proficient:1 proficiency:1 |good_at:1.5 |soft_skills:3 |technical_skills:3 |hard_skills:3"
        + " |need_to_know:1.5 |know_how:1 talents:1.5 |what_makes_a_good:2 personality:1.5 |look_for:3.5"
        + " |looking_for:2 |looking_for_in:2.5");
    put("duties", "duties:3 duty:3 responsibilities:3 responsibility:3 responsible:2 tasks:2.5 task:2"
        + " |day_to_day:2.5 |daily_tasks:3 |job_description:2.5 |what_do_they_do:3 |what_does_a:1.5 |what_do:1"
        + " |what_does:1 |do_all_day:3 |typical_day:2.5 |role_involve:2 involve:1.5 involves:1.5 |spend_their_day:2"
        + " |day_in_the_life:3 |actually_do:2.5 job:0.3 work:0.2 |in_charge_of:2 handle:1 handles:1");
    put("work_environment", "environment:3 workplace:2 setting:2 settings:2 |where_do_they_work:3 |where_do_pss_work:3"
        + " |work_setting:3 conditions:1.5 |fast_paced:2 |front_desk:1 office:0.5 |where_would_i_work:3"
        + " |work_environment:3 atmosphere:2 |where_they_work:3 |where_do:0.5 |work_in:0.5");
    put("schedule", "schedule:2 schedules:2 shifts:2.5 shift:2 weekends:2 weekend:2 evenings:2 evening:1.5 nights:2"
        + " overtime:2 |work_life_balance:3 |hours_do:2 |what_hours:3 |9_to_5:3 |nine_to_five:3 |full_time:1"
        + " |part_time:1 |business_hours:2 hours:1 |monday_to_friday:2 |work_hours:3 |working_hours:3");
    put("tools", "tools:3 tool:2.5 software:3 systems:1.5 system:1 epic:3 cerner:3 allscripts:3 meditech:3"
        + " kareo:3 advancedmd:3 ehr:2 emr:2 technology:2 technologies:2 computer:1 excel:2 outlook:0.5"
        + " programs:0.5 |computer_programs:3 |computer_skills:1 platform:1 platforms:1 apps:1 |patient_portal:1 |electronic_health:1.5 |microsoft_office:2");
    put("how_to_become", "become:2 becoming:2 |get_into:2 |break_into:2.5 |get_started:2 steps:2 step:1.5"
        + " |get_hired:1.5 |get_a_job:1.5 |land_a_job:2 |land_a:1 |how_do_i:1 |how_to:0.5 qualify:1.5 |first_step:3"
        + " |start_a_career:2 |career_change:1 |switch_to:1.5 |transition_into:2 |getting_into:2 |how_can_i:1"
        + " apply:1 interview:2 interviews:2 tips:1 resume:1.5 |cover_letter:2 |stand_out:2 |no_experience:2 |without_experience:2 |need_experience:2.5"
        + " |experience_to_be:2.5 |experience_required:2.5 |require_experience:2.5 |any_experience:2"
        + " |need_any_experience:2.5 |where_do_i_start:2.5 |what_do_i_need:1.5");
    put("time_to_become", "|how_long:3 |how_many_years:2 |how_many_months:2 |how_quickly:2.5 |how_fast:2.5"
        + " |take_to:1.5 |time_to:1 |to_get_hired:1 |long_does_it_take:2 |timeline:2 |how_soon:2 quickly:1"
        + " months:0.5 weeks:0.5");
    put("career_path", "|career_path:3 advance:2 advancement:2.5 promotion:2.5 promotions:2.5 promoted:2.5"
        + " progression:2.5 progress:1.5 |next_step:2 |move_up:2.5 ladder:2.5 |what_comes_after:3 |comes_after:2.5"
        + " |after_junior:2 |after_senior:2 |career_growth:2.5 |grow_in:1 supervisor:1.5 manager:1.5 |career_ladder:3"
        + " |levels:1 |moving_up:2.5 |where_can_i_go:2 |long_term:1 |career_options:1 |path:1.5 |trajectory:2"
        + " |go_after:2.5 |next_role:2.5 |next_job:2.5 |move_into:2 |move_on:2 |where_can_a:1.5 |long_run:1.5");
    put("comparison", "vs:3 versus:3 compare:3 compared:3 comparison:3 difference:2.5 differences:2.5 differ:2.5"
        + " |better_than:2 |more_than:1 |less_than:1 |or_a:0.5 |same_as:1.5 |similar_to:1.5 |side_by_side:3"
        + " |compare_them:3 |which_is_better:2 |which_one:1 |pays_more:1.5 |paid_more:1.5 |earn_more:1.5"
        + " |make_more:1.5 |higher:0.5 |lower:0.5 |which_pays:1 |stack_up:2.5 |how_does_it_compare:3");
    put("employers", "employers:3 employer:3 companies:2 company:1.5 hire:1.5 hires:2 hiring:1.5 |who_hires:3"
        + " organizations:1.5 |top_companies:3 |where_can_i_work:1.5 |select_medical:3 |cleveland_clinic:3"
        + " |university_of_washington:3 recruit:1.5 recruiting:1.5 |hire_the_most:3 |biggest_employers:3");
    put("demographics", "gender:3 men:2.5 women:2.5 male:2.5 female:2.5 males:2.5 females:2.5 race:3 racial:3"
        + " ethnic:3 ethnicity:3 lgbt:3 lgbtq:3 gay:2 |how_old:3 age:2.5 white:1.5 black:1.5 hispanic:2 latino:2"
        + " asian:2 demographics:3 demographic:3 |average_age:3 guys:2 |american_indian:2 sex:2 older:1 young:1"
        + " younger:1 |percent_are:1 |share_of:0.5 |what_percentage:1 |how_many_are:1");
    put("experience", "|years_of_experience:3 |years_experience:3 |how_much_experience:3 experience:1.5"
        + " |experience_do:1 |prior_experience:1");
    put("remote", "remote:3 remotely:3 |from_home:3 wfh:3 |work_from_home:3 telework:3 telecommute:3 hybrid:2.5"
        + " virtual:1 |home_based:3 |on_site:1.5 onsite:1.5 |in_person:1");
    put("visa", "visa:3 visas:3 immigration:3 immigrate:3 immigrating:3 emigrate:3 migrate:2 migration:2"
        + " |move_to:1.5 abroad:2.5 |work_permit:3 sponsorship:2.5 sponsor:2 relocate:2 relocation:2 ielts:3"
        + " pte:3 |express_entry:3 |permanent_residency:3 |permanent_residence:3 overseas:2 |another_country:2.5"
        + " international:1.5 internationally:2 countries:1 |other_countries:1.5");
    put("market_trends", "trends:3 trend:3 market:2 |job_market:3 |hiring_market:3 2025:2 lately:1.5"
        + " |these_days:1 harder:1.5 competition:2 competitive:1.5 saturated:2 saturation:2 |right_now:1"
        + " currently:1 |current_state:1.5 |hard_to_find:2 |tough_market:2.5 |hiring_freeze:2 economy:1.5");
    put("challenges", "challenges:3 challenge:2.5 challenging:2 hardest:2.5 difficult:1.5 stressful:2 stress:2"
        + " stressors:3 struggle:2 struggles:2 |hard_part:2.5 |toughest:2 tough:1 |hard_parts:2.5");
    put("automation", "ai:3 automation:3 automated:3 automate:3 robots:2.5 robot:2.5 replace:2 replaced:2.5"
        + " |taken_over:2 obsolete:2.5 chatbots:2.5 chatbot:2 |future_proof:2.5 |artificial_intelligence:3"
        + " machines:1.5 |safe_from:1");
    put("pros", "pros:3 advantages:3 advantage:2.5 upside:2.5 upsides:2.5 |good_career:2.5 |worth_it:2.5"
        + " |why_become:2 rewarding:2 |good_job:2 |like_about:2 |good_things:2 |best_part:2.5 |best_thing:2.5"
        + " benefits:0.5 |is_it_good:2 perks:0.5 |should_i:1 |good_choice:2.5");
    put("cons", "cons:3 downsides:3 downside:3 disadvantages:3 disadvantage:3 drawbacks:3 drawback:3 negatives:3"
        + " |bad_things:2.5 |worst_part:3 |worst_thing:3 burnout:2.5 |burn_out:2.5 |bad_about:2.5 |down_side:3"
        + " |not_like:1 |why_not:1 |the_catch:2 quit:2.5 quitting:2.5 quits:2.5 turnover:2.5");
    put("overview", "|what_is_a:2 |what_is_an:2 |whats_a:2 |whats_an:2 |tell_me_about:2 overview:2.5 describe:1.5"
        + " explain:1 role:1 |who_is:1 |what_is:1 |whats:0.5 |what_exactly:1.5 |what_are:0.5 |about_the:0.5"
        + " |mean_by:1 |definition_of:2 |job_like:1");
    put("diversity", "diversity:3 diverse:2.5 inclusion:3 inclusive:3 dei:3 underrepresented:3 minorities:2.5"
        + " minority:2.5 erg:2 ergs:2 |support_network:2 |support_networks:2 equity:2 discrimination:2.5"
        + " |resources_for:1 |people_of_color:2.5");
    put("benefits", "benefits:2 |health_insurance:2.5 401k:3 pto:3 |paid_time_off:3 perks:2 retirement:2.5"
        + " bonus:2 bonuses:2 |time_off:2 vacation:1.5 |total_compensation:2 |besides_salary:2");
  }

  private static void put(String intent, String spec) {
    List<Cue> cues = new ArrayList<>();
    for (String part : spec.trim().split("\\s+")) {
      if (part.isEmpty()) continue;
      boolean phrase = part.startsWith("|");
      String body = phrase ? part.substring(1) : part;
      int colon = body.lastIndexOf(':');
      double weight = colon > 0 ? Double.parseDouble(body.substring(colon + 1)) : 1.0;
      String text = colon > 0 ? body.substring(0, colon) : body;
      boolean prefix = text.endsWith("*");
      if (prefix) text = text.substring(0, text.length() - 1);
      text = text.replace('_', ' ');
      cues.add(new Cue(text, weight, prefix, phrase));
    }
    INTENTS.put(intent, List.copyOf(cues));
  }

  /** Every single word the cues use, so the spell checker can correct toward them. */
  static List<String> words() {
    List<String> out = new ArrayList<>();
    for (List<Cue> cues : INTENTS.values()) {
      for (Cue c : cues) out.addAll(List.of(c.text().split(" ")));
    }
    out.addAll(SMALL_WORDS);
    return out;
  }

  /** Ordinary words of questions that are neither cues nor knowledge, so they are never "corrected". */
  static final Set<String> SMALL_WORDS = Sets.of(
      "what", "whats", "how", "much", "many", "does", "do", "did", "is", "are", "was", "were", "the", "a", "an",
      "for", "of", "in", "on", "to", "and", "or", "with", "about", "tell", "me", "my", "i", "you", "your", "they",
      "them", "their", "it", "its", "that", "this", "these", "those", "there", "here", "can", "could", "would",
      "should", "will", "need", "want", "know", "like", "get", "got", "any", "some", "more", "most", "less",
      "least", "than", "then", "also", "too", "please", "thanks", "thank", "hello", "hi", "hey", "ok", "okay",
      "yes", "no", "not", "really", "typical", "typically", "usually", "generally", "around", "roughly", "about",
      "approximately", "nowadays", "today", "currently", "still", "ever", "always", "just", "only", "very",
      "pretty", "quite", "lot", "lots", "kind", "sort", "type", "types", "people", "person", "someone",
      "anyone", "somebody", "folks", "guy", "guys", "job", "jobs", "career", "careers", "work", "working",
      "position", "role", "field", "line", "industry", "which", "who", "whom", "where", "when", "why", "whose",
      "between", "each", "other", "both", "either", "neither", "same", "different", "per", "as", "at", "by",
      "from", "into", "up", "down", "out", "over", "under", "again", "now", "new", "old", "good", "bad", "best",
      "worst", "better", "worse", "big", "small", "high", "low", "higher", "lower", "top", "average", "usual",
      "normal", "common", "actually", "exactly", "basically", "anyway", "also", "though", "although", "but",
      "so", "if", "because", "while", "whether", "be", "been", "being", "have", "has", "had", "having", "go",
      "going", "goes", "gone", "come", "comes", "say", "says", "said", "see", "look", "looking", "think",
      "find", "give", "take", "takes", "day", "days", "week", "weeks", "month", "months", "year", "years",
      "time", "times", "us", "we", "our", "he", "she", "him", "her", "his", "hers", "am", "im", "ive", "dont",
      "doesnt", "cant", "wont", "isnt", "arent", "whos", "hows", "thats", "theres", "lately", "recently",
      "someday", "important", "necessary", "matter", "matters", "useful", "essential", "change", "changes", "changed", "vary", "varies", "differ", "until", "stay", "usa", "america", "american", "dollars", "dollar", "usd", "currency", "convert", "converted",
      "figure", "figures", "number", "numbers", "stats", "statistics", "data", "info", "information", "details",
      "question", "questions", "answer", "help", "who", "bot", "chatbot");
}
