package careerbot.load;

import java.util.List;
import java.util.SplittableRandom;

/** Realistic conversations: a first question and the follow-ups people type after it. */
final class Questions {
  private Questions() {}

  static final List<List<String>> CONVERSATIONS = List.of(
      List.of("how much does a patient service specialist make?", "what about per hour?", "and in Germany?",
          "what is that in US dollars?"),
      List.of("pss vs patient coordinator", "what do they do?", "how long does it take to become one?"),
      List.of("how do i become a pss", "do i need a certification?", "what's the CMAA", "how much does it pay?"),
      List.of("medical office administrator salary", "how old are they on average", "compare them with pss"),
      List.of("pss career path", "how much does the senior level pay?", "and lead?"),
      List.of("can i work from home as a pss?", "what are the cons", "will ai replace them?"),
      List.of("hi", "what can you do?", "pss salery in the uk", "and australia"),
      List.of("who hires the most patient service specialists", "where do they earn the most"),
      List.of("how much do software engineers make", "ok what about patient advocates", "and hourly?"),
      List.of("pss skills", "how common is physical therapy", "what tools do they use"));

  static List<String> pick(SplittableRandom random) {
    return CONVERSATIONS.get(random.nextInt(CONVERSATIONS.size()));
  }
}
