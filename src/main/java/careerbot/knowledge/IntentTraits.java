package careerbot.knowledge;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the packs' intents.yaml say about each intent beyond its examples, merged over every pack and looked
 * up by name: the figure a topic is about, which topics are about pay, which labels are small talk, and the
 * fixed replies of small talk and declines. An intent named in several packs has a trait when any entry
 * gives it (the first reply wins).
 */
public final class IntentTraits {
  private final Map<String, String> figures = new HashMap<>();
  private final Set<String> comparable = new HashSet<>();
  private final Set<String> pay = new HashSet<>();
  private final Set<String> smallTalk = new HashSet<>();
  private final Map<String, String> replies = new HashMap<>();

  IntentTraits(List<IntentExamples> intents) {
    for (IntentExamples i : intents) {
      if (i.intent() == null) continue;
      if (i.figure() != null) figures.putIfAbsent(i.intent(), i.figure());
      if (i.compares()) comparable.add(i.intent());
      if (i.pay()) pay.add(i.intent());
      if (i.smallTalk()) smallTalk.add(i.label());
      if (i.reply() != null) replies.putIfAbsent(i.label(), i.reply());
    }
  }

  /** The metric {@code intent} is about (intents.yaml {@code figure}), or null. */
  public String figure(String intent) {
    return intent == null ? null : figures.get(intent);
  }

  /** A figure question: right after a comparison it compares both careers on its figure. */
  public boolean comparable(String intent) {
    return intent != null && comparable.contains(intent);
  }

  /** A money topic (intents.yaml {@code pay: true}). */
  public boolean pay(String intent) {
    return intent != null && pay.contains(intent);
  }

  /** Small talk (intents.yaml {@code small_talk: true}): answered by its reply, not from the knowledge. */
  public boolean smallTalk(String label) {
    return label != null && smallTalk.contains(label);
  }

  /** The reply intents.yaml gives a kind of small talk or decline ("fallback:legal"), or null. */
  public String reply(String label) {
    return label == null ? null : replies.get(label);
  }
}
