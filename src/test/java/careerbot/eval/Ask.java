package careerbot.eval;

import careerbot.answer.Answer;
import careerbot.answer.AnswerEngine;
import careerbot.answer.Conversation;
import careerbot.knowledge.KnowledgeLoader;
import java.nio.file.Path;

/** For engine work by hand: each argument is one turn of one conversation; prints every answer. */
public final class Ask {
  public static void main(String[] args) {
    AnswerEngine engine = AnswerEngine.build(KnowledgeLoader.load(Path.of(System.getenv().getOrDefault("KNOWLEDGE", "knowledge"))).model(),
        System.getenv("MODEL") == null ? null : careerbot.search.Embedder.load(System.getenv("MODEL")));
    Conversation c = new Conversation();
    for (String q : args) {
      if (System.getenv("EXPLAIN") != null) System.out.println(engine.explain(q, c));
      Answer a = engine.answer(q, c);
      System.out.println("> " + q + "\n[" + a.intent() + " " + a.confidence() + "] " + a.text());
      if (a.table() != null) System.out.println("TABLE " + a.table());
      System.out.println("sources " + a.sources() + "\nsuggest " + a.suggestions() + "\nmatches " + a.matches() + "\n");
    }
  }
}
