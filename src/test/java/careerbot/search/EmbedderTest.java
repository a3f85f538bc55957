package careerbot.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both shipped models, loaded once for the class (about a second each). Token ids are checked against
 * ids the reference tokenizer (Hugging Face's, through DJL 0.36) gave for the same text; vectors against
 * what a sentence model must do (paraphrases closer than unrelated text) and against each other (cache,
 * threads, bulk and single calls all give the same numbers).
 */
class EmbedderTest {
  static final Map<String, String> TOKENIZERS = Map.of(
      "minilm", "all-minilm-l6-v2-q-tokenizer.json",
      "bge", "bge-small-en-v1.5-q-tokenizer.json");

  /** About 115 words with numbers, money and punctuation; five copies make a text longer than 512 tokens. */
  static final String PARAGRAPH =
      "Maria worked the front desk of a busy clinic for three years before she asked whether the "
      + "job could lead somewhere. She booked about 60 appointments a day, checked insurance cards, "
      + "answered the phone in English and Spanish, and calmed patients who had waited too long. Her "
      + "manager suggested a certificate course costing $1,200, which the clinic would pay for if "
      + "she stayed another year. She wondered: is a certificate worth it, or would a two-year "
      + "degree open more doors? Friends in billing earned more per hour, yet they rarely saw "
      + "patients. In the end she chose the course, kept her evenings free for her daughter, and "
      + "started applying for coordinator roles at nearby hospitals.";
  static final String LONG_TEXT = String.join(" ", Collections.nCopies(5, PARAGRAPH));

  record Reference(String text, long... ids) {}

  /** Accents, CJK, emoji, typography, numbers, invisible and odd whitespace, an overlong word, truncation. */
  static final List<Reference> REFERENCES = List.of(
      new Reference("how much does a patient coordinator earn",
          101, 2129, 2172, 2515, 1037, 5776, 10669, 7796, 102),
      new Reference("Café naïve résumé — “quotes” ½ 東京 emoji 🙂 tabs\tand  spaces",
          101, 7668, 15743, 13746, 1517, 1523, 16614, 1524, 1092, 1879, 1755, 7861, 29147, 2072, 100, 21628,
          2015, 1998, 7258, 102),
      new Reference("ICD-10?? e.g. 401(k), $33,563/yr or 15.84/hr; 8% growth (2022–2032)!",
          101, 24582, 2094, 1011, 2184, 1029, 1029, 1041, 1012, 1043, 1012, 22649, 1006, 1047, 1007, 1010,
          1002, 3943, 1010, 5179, 2509, 1013, 1061, 2099, 2030, 2321, 1012, 6391, 1013, 17850, 1025, 1022,
          1003, 3930, 1006, 16798, 2475, 1516, 18540, 2475, 1007, 999, 102),
      new Reference("SALERY of a PATEINT coordinatr in Zürich, Köln & São Paulo",
          101, 5096, 2854, 1997, 1037, 6986, 12377, 2102, 2522, 8551, 3981, 16344, 1999, 10204, 1010, 28306,
          1004, 7509, 9094, 102),
      new Reference("zero\u200bwidth soft\u00adhyphen line\u2028break next\u0085line ΟΔΟΣ İstanbul",
          101, 5717, 9148, 11927, 2232, 3730, 10536, 8458, 2368, 2240, 3338, 2279, 4179, 1169, 29722, 29730,
          29733, 9960, 102),
      new Reference("a".repeat(101) + " ok",
          101, 100, 7929, 102),
      new Reference("",
          101, 102),
      new Reference("   ",
          101, 102),
      new Reference(LONG_TEXT,
          101, 3814, 2499, 1996, 2392, 4624, 1997, 1037, 5697, 9349, 2005, 2093, 2086, 2077, 2016, 2356,
          3251, 1996, 3105, 2071, 2599, 4873, 1012, 2016, 17414, 2055, 3438, 14651, 1037, 2154, 1010, 7039,
          5427, 5329, 1010, 4660, 1996, 3042, 1999, 2394, 1998, 3009, 1010, 1998, 20869, 5022, 2040, 2018,
          4741, 2205, 2146, 1012, 2014, 3208, 4081, 1037, 8196, 2607, 22173, 1002, 1015, 1010, 3263, 1010,
          2029, 1996, 9349, 2052, 3477, 2005, 2065, 2016, 4370, 2178, 2095, 1012, 2016, 4999, 1024, 2003,
          1037, 8196, 4276, 2009, 1010, 2030, 2052, 1037, 2048, 1011, 2095, 3014, 2330, 2062, 4303, 1029,
          2814, 1999, 25640, 3687, 2062, 2566, 3178, 1010, 2664, 2027, 6524, 2387, 5022, 1012, 1999, 1996,
          2203, 2016, 4900, 1996, 2607, 1010, 2921, 2014, 16241, 2489, 2005, 2014, 2684, 1010, 1998, 2318,
          11243, 2005, 10669, 4395, 2012, 3518, 8323, 1012, 3814, 2499, 1996, 2392, 4624, 1997, 1037, 5697,
          9349, 2005, 2093, 2086, 2077, 2016, 2356, 3251, 1996, 3105, 2071, 2599, 4873, 1012, 2016, 17414,
          2055, 3438, 14651, 1037, 2154, 1010, 7039, 5427, 5329, 1010, 4660, 1996, 3042, 1999, 2394, 1998,
          3009, 1010, 1998, 20869, 5022, 2040, 2018, 4741, 2205, 2146, 1012, 2014, 3208, 4081, 1037, 8196,
          2607, 22173, 1002, 1015, 1010, 3263, 1010, 2029, 1996, 9349, 2052, 3477, 2005, 2065, 2016, 4370,
          2178, 2095, 1012, 2016, 4999, 1024, 2003, 1037, 8196, 4276, 2009, 1010, 2030, 2052, 1037, 2048,
          1011, 2095, 3014, 2330, 2062, 4303, 1029, 2814, 1999, 25640, 3687, 2062, 2566, 3178, 1010, 2664,
          2027, 6524, 2387, 5022, 1012, 1999, 1996, 2203, 2016, 4900, 1996, 2607, 1010, 2921, 2014, 16241,
          2489, 2005, 2014, 2684, 1010, 1998, 2318, 11243, 2005, 10669, 4395, 2012, 3518, 8323, 1012, 3814,
          2499, 1996, 2392, 4624, 1997, 1037, 5697, 9349, 2005, 2093, 2086, 2077, 2016, 2356, 3251, 1996,
          3105, 2071, 2599, 4873, 1012, 2016, 17414, 2055, 3438, 14651, 1037, 2154, 1010, 7039, 5427, 5329,
          1010, 4660, 1996, 3042, 1999, 2394, 1998, 3009, 1010, 1998, 20869, 5022, 2040, 2018, 4741, 2205,
          2146, 1012, 2014, 3208, 4081, 1037, 8196, 2607, 22173, 1002, 1015, 1010, 3263, 1010, 2029, 1996,
          9349, 2052, 3477, 2005, 2065, 2016, 4370, 2178, 2095, 1012, 2016, 4999, 1024, 2003, 1037, 8196,
          4276, 2009, 1010, 2030, 2052, 1037, 2048, 1011, 2095, 3014, 2330, 2062, 4303, 1029, 2814, 1999,
          25640, 3687, 2062, 2566, 3178, 1010, 2664, 2027, 6524, 2387, 5022, 1012, 1999, 1996, 2203, 2016,
          4900, 1996, 2607, 1010, 2921, 2014, 16241, 2489, 2005, 2014, 2684, 1010, 1998, 2318, 11243, 2005,
          10669, 4395, 2012, 3518, 8323, 1012, 3814, 2499, 1996, 2392, 4624, 1997, 1037, 5697, 9349, 2005,
          2093, 2086, 2077, 2016, 2356, 3251, 1996, 3105, 2071, 2599, 4873, 1012, 2016, 17414, 2055, 3438,
          14651, 1037, 2154, 1010, 7039, 5427, 5329, 1010, 4660, 1996, 3042, 1999, 2394, 1998, 3009, 1010,
          1998, 20869, 5022, 2040, 2018, 4741, 2205, 2146, 1012, 2014, 3208, 4081, 1037, 8196, 2607, 22173,
          1002, 1015, 1010, 3263, 1010, 2029, 1996, 9349, 2052, 3477, 2005, 2065, 2016, 4370, 2178, 2095,
          1012, 2016, 4999, 1024, 2003, 1037, 8196, 4276, 2009, 1010, 2030, 2052, 1037, 2048, 1011, 2095,
          3014, 2330, 2062, 4303, 1029, 2814, 1999, 25640, 3687, 2062, 2566, 3178, 1010, 2664, 2027, 102));

  static Embedder minilm;
  static Embedder bge;

  @BeforeAll
  static void load() {
    minilm = Embedder.load("minilm");
    bge = Embedder.load("bge");
  }

  @AfterAll
  static void close() {
    if (minilm != null) minilm.close();
    if (bge != null) bge.close();
  }

  static Embedder model(String name) {
    return name.equals("minilm") ? minilm : bge;
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  static void assertUnit(float[] v) {
    assertEquals(384, v.length);
    for (float x : v) assertTrue(Float.isFinite(x), "not finite: " + x);
    assertEquals(1.0, Math.sqrt(dot(v, v)), 1e-5, "norm");
  }

  @ParameterizedTest
  @ValueSource(strings = {"minilm", "bge"})
  void wordPieceGivesTheReferenceTokenizersIds(String name) throws IOException {
    WordPiece tokenizer;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(TOKENIZERS.get(name))) {
      tokenizer = WordPiece.read(in);
    }
    assertEquals(512, REFERENCES.get(REFERENCES.size() - 1).ids().length, "the long text is truncated");
    for (Reference r : REFERENCES) {
      assertArrayEquals(r.ids(), tokenizer.encode(r.text(), 512), r.text());
    }
  }

  @Test
  void wordPieceStopsAtItsBudgetWhateverTheInput() throws IOException {
    WordPiece tokenizer;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(TOKENIZERS.get("bge"))) {
      tokenizer = WordPiece.read(in);
    }
    assertArrayEquals(new long[] {101, 100, 102}, tokenizer.encode("x".repeat(1_000_000), 512), "one overlong word");
    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
      for (String huge : List.of("a.".repeat(500_000), " ".repeat(1_000_000) + "end", "\u4e00".repeat(500_000),
          "pateintcoordinatr".repeat(50_000))) {
        long[] ids = tokenizer.encode(huge, 512);
        assertTrue(ids.length <= 512 && ids[0] == 101 && ids[ids.length - 1] == 102, huge.substring(0, 20));
      }
    });
    assertEquals(3, tokenizer.encode(" ".repeat(1_000_000) + "end", 512).length, "only [CLS] end [SEP]");
  }

  /**
   * Known answers: the first components of the vector LangChain4j 1.20.0-beta30 gives for the same question
   * with the same model jar and ONNX Runtime 1.20.0 (its own tokenizer and pooling).
   */
  @Test
  void vectorsAreThoseLangChain4jGivesForTheSameModels() {
    String q = "how much does a patient coordinator earn";
    assertArrayEquals(new float[] {-9.032723E-4f, 0.0028666474f, -0.0442799f, 0.01813288f, -0.046962723f,
        -0.03196154f, 0.07607162f, 0.04012218f}, Arrays.copyOf(minilm.embed(q), 8), 1e-5f, "minilm");
    assertArrayEquals(new float[] {-9.812083E-4f, -0.0287023f, -0.0268755f, -0.025989406f, -0.021317068f,
        -0.008066965f, 0.006097738f, 0.052764244f}, Arrays.copyOf(bge.embed(q), 8), 1e-5f, "bge");
  }

  @ParameterizedTest
  @ValueSource(strings = {"minilm", "bge"})
  void aParaphraseIsCloserThanAnUnrelatedQuestion(String name) {
    Embedder e = model(name);
    float[] asked = e.embed("how much does a patient coordinator earn");
    float[] paraphrase = e.embed("what is the salary of a patient coordinator");
    float[] unrelated = e.embed("what is the weather like tomorrow");
    double close = dot(asked, paraphrase);
    double far = dot(asked, unrelated);
    assertTrue(close > far + 0.2, name + ": paraphrase " + close + ", unrelated " + far);
  }

  @ParameterizedTest
  @ValueSource(strings = {"minilm", "bge"})
  void vectorsHaveUnitLengthEvenForBlankAndHugeTexts(String name) {
    Embedder e = model(name);
    assertEquals(name, e.name());
    assertEquals(384, e.dimensions());
    for (String text : List.of("pss salary?", "", "   \n\t ", "\u0000\u200b", LONG_TEXT)) assertUnit(e.embed(text));
    assertArrayEquals(e.embed(""), e.embed("  \t\n"), "blank is the empty sentence");
  }

  @ParameterizedTest
  @ValueSource(strings = {"minilm", "bge"})
  void aTenThousandCharacterTextIsCutToTheFirst510TokensQuickly(String name) {
    Embedder e = model(name);
    String huge = "salary ".repeat(1430); // 10,010 characters, one token per word
    float[] v = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> e.embedUncached(huge));
    assertUnit(v);
    assertArrayEquals(e.embedUncached("salary ".repeat(510)), v, "the words after the 510th change nothing");
    assertFalse(dot(e.embedUncached("salary ".repeat(20)), v) > 0.999999,
        "a short text differs, so the check above can fail");
  }

  @Test
  void theCacheReturnsTheSameNumbersInACopyTheCallerMayChange() {
    String q = "is a certificate worth it for a patient coordinator";
    float[] first = minilm.embed(q);
    first[0] = 42f;
    float[] second = minilm.embed(q);
    assertNotSame(first, second);
    assertArrayEquals(minilm.embedUncached(q), second);
  }

  @ParameterizedTest
  @ValueSource(strings = {"minilm", "bge"})
  void embedAllGivesWhatEmbedGivesOnAnyNumberOfThreads(String name) {
    Embedder e = model(name);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      texts.add(i % 3 == 0 ? "what do patient coordinators earn in year " + i
          : i % 3 == 1 ? "certificate number " + i + ", or a degree?" : "hi".repeat(i));
    }
    List<float[]> one = e.embedAll(texts);
    List<float[]> two = e.embedAll(texts, 2);
    assertEquals(texts.size(), one.size());
    for (int i = 0; i < texts.size(); i++) {
      float[] single = e.embed(texts.get(i));
      assertArrayEquals(single, one.get(i), texts.get(i));
      assertArrayEquals(one.get(i), two.get(i), texts.get(i));
    }
    assertEquals(List.of(), e.embedAll(List.of(), 2));
    assertThrows(IllegalArgumentException.class, () -> e.embedAll(texts, 0));
  }

  @Test
  void aStoreGivesBackTheVectorsTheModelGaveAndServesThemAfterARestart(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) {
    java.nio.file.Path file = dir.resolve("vectors-minilm.bin");
    Embedder e = Embedder.load("minilm");
    try {
      List<String> texts = List.of("how much does a pss make", "what does a patient advocate do", "is it remote");
      List<float[]> plain = e.embedAll(texts, 2);
      e.store(VectorStore.open(file, e.name(), e.dimensions()));
      List<float[]> stored = e.embedAll(texts, 2);
      VectorStore reopened = VectorStore.open(file, e.name(), e.dimensions());
      assertEquals(3, reopened.size());
      for (int i = 0; i < texts.size(); i++) {
        assertArrayEquals(plain.get(i), stored.get(i), texts.get(i));
        assertArrayEquals(plain.get(i), reopened.get(texts.get(i)), "after a restart: " + texts.get(i));
      }
      assertThrows(IllegalArgumentException.class, () -> e.store(VectorStore.open(file, "bge", 384)),
          "another model's store is refused");
    } finally {
      e.close();
    }
  }

  @Test
  void aSectionsPassagesAreRankedByMeaningAndWordsTogether() {
    careerbot.knowledge.KnowledgeModel shipped =
        careerbot.knowledge.KnowledgeLoader.load(java.nio.file.Path.of("knowledge")).model();
    KnowledgeIndex index = KnowledgeIndex.build(shipped, List.of(), minilm);
    List<String> passages = Text.passages(shipped.sections().stream()
        .filter(x -> x.id().equals("pss.career-path")).findFirst().orElseThrow().body());
    // No word in common with the passage it means ("further study ... a bachelor's ... higher posts").
    String q = "would going back to university help me climb";
    List<Integer> ranked = index.rankPassages("pss.career-path", q, minilm.embed(q));
    assertEquals(passages.size(), ranked.size(), "every passage of the section is ranked");
    assertTrue(passages.get(ranked.get(0)).contains("Further study"), passages.get(ranked.get(0)));
    String where = "is it better to start at a big hospital or a small clinic";
    assertTrue(passages.get(index.rankPassages("pss.career-path", where, minilm.embed(where)).get(0))
        .contains("large hospital systems"));
    assertEquals(List.of(), KnowledgeIndex.build(shipped, List.of()).rankPassages("pss.career-path", q,
        minilm.embed(q)), "an index built without the sentence model has no passages to rank");
  }

  @Test
  void twoThreadsSharingOneInstanceGetBitIdenticalVectors() throws Exception {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      texts.add("question " + i + ": what does a coordinator in room " + (i * 7) + " earn?");
    }
    for (Embedder e : List.of(minilm, bge)) {
      List<float[]> alone = new ArrayList<>();
      for (String t : texts) alone.add(e.embedUncached(t)); // not cached: the threads below compute afresh
      float[][] together = new float[texts.size()][];
      CyclicBarrier start = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          int first = t;
          done.add(pool.submit((Callable<Void>) () -> {
            start.await();
            for (int i = first; i < texts.size(); i += 2) together[i] = e.embed(texts.get(i));
            return null;
          }));
        }
        for (Future<?> f : done) f.get();
      } finally {
        pool.shutdownNow();
      }
      for (int i = 0; i < texts.size(); i++) {
        assertArrayEquals(alone.get(i), together[i], e.name() + " " + texts.get(i));
      }
    }
  }

  @Test
  void aModelWhoseFilesAreMissingFailsWithOneLineNamingIt() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Embedder.load(new Embedder.Model("ghost", "no-such-model", Embedder.Pooling.MEAN)));
    assertTrue(e.getMessage().startsWith("embedding model ghost: no-such-model.onnx is not on the classpath"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void anUnknownNameIsRefusedListingTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Embedder.load("e5"));
    assertEquals("unknown embedding model 'e5': not one of minilm, bge", e.getMessage());
  }

  @Test
  void aClosedEmbedderRefusesWorkAndClosingTwiceIsHarmless() {
    Embedder e = Embedder.load("minilm");
    assertUnit(e.embed("before"));
    e.close();
    e.close();
    assertUnit(e.embed("before")); // still cached
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> e.embed("after"));
    assertEquals("embedding model minilm is closed", refused.getMessage());
  }
}
