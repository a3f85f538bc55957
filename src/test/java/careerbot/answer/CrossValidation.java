package careerbot.answer;

import careerbot.knowledge.KnowledgeLoader;
import careerbot.knowledge.KnowledgeModel;
import careerbot.search.Embedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Five-fold cross-validation of the intent model over the knowledge's own examples: how often a question
 * the model did not learn from gets its intent. The way to compare training settings without touching the
 * held-out set. Run it from the test classpath; {@code MODEL} picks the sentence model (minilm, bge, off)
 * and the {@code im.*} system properties of {@link IntentModel} the settings.
 */
public final class CrossValidation {
  private CrossValidation() {}

  public static void main(String[] args) {
    KnowledgeModel knowledge = KnowledgeLoader.load(Path.of(System.getenv().getOrDefault("KNOWLEDGE", "knowledge")))
        .model();
    String name = System.getenv().getOrDefault("MODEL", "minilm");
    Embedder embedder = name.equals("off") ? null : Embedder.load(name);
    Recognizer recognizer = AnswerEngine.build(knowledge, embedder).recognizer();
    List<IntentModel.Example> all = recognizer.trainingSet(knowledge);
    int folds = 5;
    int[] fold = new int[all.size()];
    Random random = new Random(7);
    for (int i = 0; i < fold.length; i++) fold[i] = random.nextInt(folds);
    int right = 0;
    int declinedWrongly = 0;
    int answeredWrongly = 0;
    int confident = 0;
    int confidentRight = 0;
    double logLoss = 0;
    double[] edges = {0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001};
    int[] inBucket = new int[edges.length - 1];
    int[] rightInBucket = new int[edges.length - 1];
    for (int f = 0; f < folds; f++) {
      List<IntentModel.Example> train = new ArrayList<>();
      List<IntentModel.Example> test = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) (fold[i] == f ? test : train).add(all.get(i));
      IntentModel model = IntentModel.train(train, embedder == null ? 0 : embedder.dimensions());
      for (IntentModel.Example e : test) {
        List<IntentModel.Scored> p = model.predict(e.features(), e.vector());
        String top = p.get(0).label();
        if (top.equals(e.label())) right++;
        else if (top.startsWith("fallback") && !e.label().startsWith("fallback")) declinedWrongly++;
        else if (!top.startsWith("fallback") && e.label().startsWith("fallback")) answeredWrongly++;
        for (int b = 0; b < inBucket.length; b++) {
          if (p.get(0).probability() >= edges[b] && p.get(0).probability() < edges[b + 1]) {
            inBucket[b]++;
            if (top.equals(e.label())) rightInBucket[b]++;
          }
        }
        if (p.get(0).probability() >= 0.5) {
          confident++;
          if (top.equals(e.label())) confidentRight++;
        }
        double pg = p.stream().filter(s -> s.label().equals(e.label())).mapToDouble(IntentModel.Scored::probability)
            .findFirst().orElse(1e-9);
        logLoss -= Math.log(Math.max(pg, 1e-9));
      }
    }
    System.out.printf("cross-validation (%d folds, %d examples, model %s): %.1f%% right; %d in-scope declined, "
            + "%d out-of-scope answered; %.1f%% with p >= 0.5, %.1f%% of those right; log loss %.3f%n",
        folds, all.size(), name, 100.0 * right / all.size(), declinedWrongly, answeredWrongly,
        100.0 * confident / all.size(), 100.0 * confidentRight / Math.max(1, confident), logLoss / all.size());
    System.out.println("| top probability | questions | right |");
    System.out.println("|---|---|---|");
    for (int b = 0; b < inBucket.length; b++) {
      System.out.printf("| %.2f to %.2f | %d | %s |%n", edges[b], Math.min(1, edges[b + 1]), inBucket[b],
          inBucket[b] == 0 ? "-" : String.format("%.0f%%", 100.0 * rightInBucket[b] / inBucket[b]));
    }
    if (embedder != null) embedder.close();
  }
}
