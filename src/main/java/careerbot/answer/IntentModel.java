package careerbot.answer;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The intent classifier: multinomial logistic regression learned from the example questions of the packs'
 * intents.yaml (and the FAQs' ways of asking), over two kinds of evidence. Sparse lexical features (word
 * stems, word pairs and word classes, with named things replaced by their kind, see {@link Recognizer})
 * and, when semantic matching is on, the question's sentence embedding. Training is deterministic (a
 * fixed shuffle seed), so the same packs always give the same model. With the sentence vector, the
 * probabilities are mixed with a vote of the nearest examples. The settings were chosen by five-fold
 * cross-validation over the examples (CrossValidation in the tests), never on the held-out set.
 * Immutable and thread-safe once built.
 */
final class IntentModel {
  /** One training question: its label and its features. {@code vector} is null without embeddings. */
  record Example(String label, List<String> features, float[] vector) {}

  /** A label and how likely the model thinks it is. */
  record Scored(String label, double probability) {}

  // The training's settings, chosen by five-fold cross-validation over the examples (CrossValidation in the
  // tests). They are part of the kept model's key: a change retrains.
  private static final int EPOCHS = 30;
  /**
   * The learning rate: 3 with the sentence vector, 10 for words alone, whose sparse features need larger
   * steps.
   */
  private static final double RATE_WITH_VECTORS = 3;
  private static final double RATE_WORDS_ALONE = 10;
  /** L2 shrinkage per step: none did best. */
  private static final double L2 = 0;
  /** Weight of the nearest-example vote in the final probabilities (0: the regression alone). */
  private static final double KNN = 0.3;
  /** How sharply the vote's similarities are turned into probabilities. */
  private static final double TAU = 50;

  private final List<String> labels;
  private final Map<String, Integer> features;
  /** weights[label][feature] for the sparse features. */
  private final float[][] sparse;
  /** weights[label][dimension] for the embedding, or null. */
  private final float[][] dense;
  private final float[] bias;
  /**
   * The examples' vectors for the nearest-example vote, dimension by dimension: {@code byDimension[d][i]}
   * is dimension d of example i. Laid out this way, the vote adds one dimension of every example at a
   * time into a running sum per example, a loop the JIT compiles to SIMD instructions (one array per
   * dimension: with an offset into one flat array it did not); one dot product per example would be a
   * chain of dependent float additions it may not reorder. Five times quicker. Null without the vote.
   */
  private final float[][] byDimension;
  private final int[] exampleLabels;

  private IntentModel(List<String> labels, Map<String, Integer> features, float[][] sparse, float[][] dense,
      float[] bias, float[][] byDimension, int[] exampleLabels) {
    this.byDimension = byDimension;
    this.exampleLabels = exampleLabels;
    this.labels = labels;
    this.features = features;
    this.sparse = sparse;
    this.dense = dense;
    this.bias = bias;
  }

  List<String> labels() {
    return labels;
  }

  /** Learns from {@code examples}; {@code dims} is the embedding size, 0 for lexical features only. */
  static IntentModel train(List<Example> examples, int dims) {
    List<String> labels = List.copyOf(new TreeSet<>(examples.stream().map(Example::label).toList()));
    Map<String, Integer> labelIndex = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) labelIndex.put(labels.get(i), i);
    Map<String, Integer> features = new HashMap<>();
    for (Example e : examples) {
      for (String f : e.features()) features.putIfAbsent(f, features.size());
    }
    int k = labels.size();
    float[][] sparse = new float[k][features.size()];
    float[][] dense = dims > 0 ? new float[k][dims] : null;
    float[] bias = new float[k];
    int n = examples.size();
    int[][] ids = new int[n][];
    float[] scale = new float[n];
    int[] gold = new int[n];
    for (int i = 0; i < n; i++) {
      Example e = examples.get(i);
      ids[i] = e.features().stream().distinct().mapToInt(features::get).toArray();
      scale[i] = ids[i].length == 0 ? 0 : (float) (1 / Math.sqrt(ids[i].length));
      gold[i] = labelIndex.get(e.label());
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Random shuffle = new Random(20261125L);
    double[] p = new double[k];
    long step = 0;
    double baseRate = dense != null ? RATE_WITH_VECTORS : RATE_WORDS_ALONE;
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      for (int i = n - 1; i > 0; i--) {
        int j = shuffle.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int o = 0; o < n; o++) {
        int i = order[o];
        float[] v = dense == null ? null : examples.get(i).vector();
        scores(ids[i], scale[i], v, sparse, dense, bias, p);
        softmax(p);
        double rate = baseRate / (1 + step++ / (double) n);
        for (int c = 0; c < k; c++) {
          double g = p[c] - (c == gold[i] ? 1 : 0);
          if (Math.abs(g) < 1e-4) continue;
          float step1 = (float) (rate * g);
          float[] ws = sparse[c];
          for (int f : ids[i]) ws[f] -= step1 * scale[i];
          if (v != null) {
            float[] wd = dense[c];
            for (int d = 0; d < wd.length; d++) wd[d] -= step1 * v[d];
          }
          bias[c] -= step1 * 0.1f;
        }
      }
      // Weight decay once per epoch keeps rare features from dominating.
      float keep = (float) (1 - L2 * n);
      for (int c = 0; c < k; c++) {
        for (int f = 0; f < sparse[c].length; f++) sparse[c][f] *= keep;
        if (dense != null) for (int d = 0; d < dense[c].length; d++) dense[c][d] *= keep;
      }
    }
    boolean vote = KNN > 0 && dense != null;
    return new IntentModel(labels, Map.copyOf(features), sparse, dense, bias, vote ? byDimension(examples, dims) : null,
        vote ? gold : null);
  }

  /** The examples' vectors laid out dimension by dimension (see {@link #byDimension}). */
  private static float[][] byDimension(List<Example> examples, int dims) {
    int n = examples.size();
    float[][] out = new float[dims][n];
    for (int i = 0; i < n; i++) {
      float[] v = examples.get(i).vector();
      for (int d = 0; d < dims; d++) out[d][i] = v[d];
    }
    return out;
  }

  /** The training settings, for the key of a stored model ({@link TrainedModels}). */
  static String settings() {
    return EPOCHS + "|" + RATE_WITH_VECTORS + "/" + RATE_WORDS_ALONE + "|" + L2 + "|" + KNN + "|" + TAU;
  }

  /** Writes the model for {@link #read(ByteBuffer)}: labels, feature names, then the weights. */
  void write(DataOutputStream out) throws IOException {
    out.writeInt(labels.size());
    for (String l : labels) string(out, l);
    String[] names = new String[features.size()];
    features.forEach((name, i) -> names[i] = name);
    out.writeInt(names.length);
    for (String n : names) string(out, n);
    for (float[] row : sparse) floats(out, row);
    out.writeInt(dense == null ? 0 : dense[0].length);
    if (dense != null) for (float[] row : dense) floats(out, row);
    floats(out, bias);
    out.writeInt(exampleLabels == null ? 0 : exampleLabels.length);
    if (exampleLabels != null) {
      out.writeInt(byDimension.length);
      for (float[] row : byDimension) floats(out, row);
      for (int l : exampleLabels) out.writeInt(l);
    }
  }

  /** A model {@link #write written} earlier, from {@code in}'s position. */
  static IntentModel read(ByteBuffer in) {
    int k = count(in);
    List<String> labels = new ArrayList<>(k);
    for (int c = 0; c < k; c++) labels.add(string(in));
    int f = count(in);
    Map<String, Integer> features = new HashMap<>(f * 2);
    for (int i = 0; i < f; i++) features.put(string(in), i);
    float[][] sparse = new float[k][];
    for (int c = 0; c < k; c++) sparse[c] = floats(in, f);
    int dims = count(in);
    float[][] dense = null;
    if (dims > 0) {
      dense = new float[k][];
      for (int c = 0; c < k; c++) dense[c] = floats(in, dims);
    }
    float[] bias = floats(in, k);
    int n = count(in);
    float[][] byDimension = null;
    int[] exampleLabels = null;
    if (n > 0) {
      byDimension = new float[count(in)][];
      for (int d = 0; d < byDimension.length; d++) byDimension[d] = floats(in, n);
      exampleLabels = new int[n];
      for (int i = 0; i < n; i++) {
        exampleLabels[i] = in.getInt();
        if (exampleLabels[i] < 0 || exampleLabels[i] >= k) throw new IllegalStateException("bad label index");
      }
    }
    if (features.size() != f || Set.copyOf(labels).size() != k) throw new IllegalStateException("repeated names");
    return new IntentModel(List.copyOf(labels), Map.copyOf(features), sparse, dense, bias, byDimension,
        exampleLabels);
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static void floats(DataOutputStream out, float[] v) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length);
    b.asFloatBuffer().put(v);
    out.write(b.array());
  }

  /** A count or length: never negative, never more than the bytes left could hold. */
  private static int count(ByteBuffer in) {
    int n = in.getInt();
    if (n < 0 || n > in.remaining()) throw new IllegalStateException("bad count " + n);
    return n;
  }

  private static String string(ByteBuffer in) {
    byte[] b = new byte[count(in)];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static float[] floats(ByteBuffer in, int n) {
    float[] v = new float[n];
    in.asFloatBuffer().get(v);
    in.position(in.position() + 4 * n);
    return v;
  }

  /** Every label with its probability, most likely first. */
  List<Scored> predict(List<String> feats, float[] vector) {
    int[] ids = feats.stream().map(features::get).filter(Objects::nonNull).distinct()
        .mapToInt(Integer::intValue).toArray();
    // Scaled over the features the model knows, as in training: words it never saw (names, numbers, an
    // e-mail address) neither count nor dilute the ones it did.
    float scale = ids.length == 0 ? 0 : (float) (1 / Math.sqrt(ids.length));
    double[] p = new double[labels.size()];
    scores(ids, scale, dense == null ? null : vector, sparse, dense, bias, p);
    softmax(p);
    if (byDimension != null && vector != null) {
      // The nearest-example vote: per label, the closest of its examples to the question, sharpened by
      // TAU into probabilities and mixed in with weight KNN. It catches paraphrases of one example that
      // the regression, fitted to every example of a label at once, averages away.
      float[] similarity = similarities(vector);
      double[] best = new double[p.length];
      Arrays.fill(best, -1);
      for (int i = 0; i < exampleLabels.length; i++) {
        if (similarity[i] > best[exampleLabels[i]]) best[exampleLabels[i]] = similarity[i];
      }
      for (int c = 0; c < best.length; c++) best[c] *= TAU;
      softmax(best);
      for (int c = 0; c < p.length; c++) p[c] = (1 - KNN) * p[c] + KNN * best[c];
    }
    List<Scored> out = new ArrayList<>(labels.size());
    for (int c = 0; c < p.length; c++) out.add(new Scored(labels.get(c), p[c]));
    out.sort((a, b) -> Double.compare(b.probability(), a.probability()));
    return out;
  }

  /** The dot product of {@code vector} with every example's vector, in the examples' order. */
  float[] similarities(float[] vector) {
    float[] sum = new float[exampleLabels.length];
    for (int d = 0; d < vector.length; d++) {
      float q = vector[d];
      float[] row = byDimension[d];
      for (int i = 0; i < sum.length; i++) sum[i] += row[i] * q;
    }
    return sum;
  }

  /** Label to probability, most likely first. */
  static Map<String, Double> asMap(List<Scored> scored) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (Scored s : scored) m.put(s.label(), s.probability());
    return m;
  }

  /**
   * The dot product of {@code v} with the vector at {@code from} in {@code flat}, summed in four
   * independent lanes so the processor overlaps them (one running sum waits on each addition).
   */
  static float dot(float[] flat, int from, float[] v) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int n = v.length;
    int j = 0;
    for (; j + 3 < n; j += 4) {
      s0 += flat[from + j] * v[j];
      s1 += flat[from + j + 1] * v[j + 1];
      s2 += flat[from + j + 2] * v[j + 2];
      s3 += flat[from + j + 3] * v[j + 3];
    }
    for (; j < n; j++) s0 += flat[from + j] * v[j];
    return (s0 + s1) + (s2 + s3);
  }

  private static void scores(int[] ids, float scale, float[] v, float[][] sparse, float[][] dense, float[] bias,
      double[] out) {
    for (int c = 0; c < out.length; c++) {
      double s = bias[c];
      float[] ws = sparse[c];
      for (int f : ids) s += ws[f] * scale;
      if (v != null && dense != null) s += dot(dense[c], 0, v);
      out[c] = s;
    }
  }

  private static void softmax(double[] s) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : s) max = Math.max(max, x);
    double sum = 0;
    for (int i = 0; i < s.length; i++) {
      s[i] = Math.exp(s[i] - max);
      sum += s[i];
    }
    for (int i = 0; i < s.length; i++) s[i] /= sum;
  }
}
