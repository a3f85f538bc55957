package careerbot.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.answer.Answer;
import careerbot.answer.AnswerEngine;
import careerbot.answer.Conversation;
import careerbot.chat.WireProbe;
import careerbot.knowledge.KnowledgeLoader;
import careerbot.knowledge.LoadResult;
import careerbot.load.Hostile;
import careerbot.service.ApiError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random hostile input, bounded in count, for the parts that read what strangers send: the answer
 * engine, the request and frame parsers, and the knowledge loader. Every input gets an answer or a clear
 * error; nothing throws; nothing hangs (each batch runs under a generous deadline that only a
 * pathological regular expression or query blow-up would miss). Seeds are fixed, so a failure replays.
 */
@Tag("integration")
class FuzzTest {
  static AnswerEngine engine;

  @BeforeAll
  static void load() {
    engine = AnswerEngine.build(KnowledgeLoader.load(Path.of("knowledge")).model());
  }

  @Test
  void theEngineAnswersEveryHostileQuestionWithoutThrowing() {
    Hostile hostile = new Hostile(20261124L);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      Conversation conversation = new Conversation();
      for (int i = 0; i < 20_000; i++) {
        String q = i % 500 == 0 ? "x".repeat(100_000) : hostile.text(2000);
        Answer a = engine.answer(q, i % 7 == 0 ? new Conversation() : conversation);
        assertNotNull(a.intent(), q);
        assertFalse(a.text().isBlank(), q);
        assertTrue(a.suggestions().size() >= 2 && a.suggestions().size() <= 4, q);
        assertFalse(a.text().contains("<script"), "markup is never echoed: " + q);
      }
    });
  }

  @Test
  void everyHostileBodyAndFrameParsesOrGetsA4xx() {
    Hostile hostile = new Hostile(7L);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      int refused = 0;
      for (int i = 0; i < 20_000; i++) {
        boolean frame = i % 2 == 0;
        byte[] body = hostile.body(frame);
        try {
          WireProbe.parse(body, frame, 1000);
        } catch (ApiError e) {
          assertTrue(e.status() >= 400 && e.status() < 500, e.code());
          assertFalse(e.getMessage().isBlank());
          refused++;
        }
      }
      assertTrue(refused > 1000, "the corpus must really be hostile: " + refused);
    });
  }

  @Test
  void mutatedKnowledgeFilesGiveProblemsNeverExceptions(@TempDir Path dir) throws IOException {
    Path src = Path.of("knowledge");
    List<Path> files;
    try (Stream<Path> all = Files.walk(src)) {
      files = all.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".md"))
          .toList();
    }
    assertFalse(files.isEmpty());
    SplittableRandom random = new SplittableRandom(99);
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      int broken = 0;
      for (int round = 0; round < 60; round++) {
        Path root = Files.createDirectories(dir.resolve("r" + round));
        for (Path f : files) {
          Path to = root.resolve(src.relativize(f).toString());
          Files.createDirectories(to.getParent());
          Files.copy(f, to);
        }
        Path victim = root.resolve(src.relativize(files.get(random.nextInt(files.size()))).toString());
        byte[] bytes = Files.readAllBytes(victim);
        Files.write(victim, mutate(bytes, random));
        LoadResult r = KnowledgeLoader.load(root);
        assertTrue(r.ok() || !r.problems().isEmpty());
        if (!r.ok()) {
          broken++;
          r.problems().forEach(p -> assertFalse(p.message().isBlank()));
        } else {
          assertEquals("salary", AnswerEngine.build(r.model()).answer("pss salary", new Conversation()).intent());
        }
      }
      assertTrue(broken > 10, "mutations should break most rounds: " + broken);
    });
  }

  static byte[] mutate(byte[] in, SplittableRandom random) {
    String s = new String(in, StandardCharsets.UTF_8);
    return switch (random.nextInt(6)) {
      case 0 -> s.substring(0, random.nextInt(Math.max(1, s.length()))).getBytes(StandardCharsets.UTF_8);
      case 1 -> {
        byte[] b = in.clone();
        for (int i = 0; i < 5 && b.length > 0; i++) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        yield b;
      }
      case 2 -> s.replace(":", random.nextBoolean() ? "" : "::").getBytes(StandardCharsets.UTF_8);
      case 3 -> s.replace("  ", " ").getBytes(StandardCharsets.UTF_8);
      case 4 -> s.replaceFirst("(?m)^(\\s*)(\\w+):", "$1$2x:").getBytes(StandardCharsets.UTF_8);
      default -> (s + "\n- id: [" + "{".repeat(random.nextInt(2000))).getBytes(StandardCharsets.UTF_8);
    };
  }
}
