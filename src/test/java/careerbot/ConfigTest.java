package careerbot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.Config.ConfigException;
import careerbot.search.Embedder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
  @Test
  void semanticMatchingIsOnWithMiniLmByDefault() {
    Config c = Config.from(Map.of());
    assertTrue(c.semantic());
    assertEquals("minilm", c.semanticModel());
  }

  @Test
  void semanticSettingsAreReadInAnyCase() {
    Config c = Config.from(Map.of("SEMANTIC", "OFF", "SEMANTIC_MODEL", " BGE "));
    assertFalse(c.semantic());
    assertEquals("bge", c.semanticModel());
    assertEquals(c.semantic(), c.withPort(0).semantic());
    assertEquals(c.semanticModel(), c.withPort(0).semanticModel());
  }

  @Test
  void badSemanticSettingsStopStartupNamingTheKeys() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> Config.from(Map.of("SEMANTIC", "maybe", "SEMANTIC_MODEL", "e5")));
    assertEquals(List.of("SEMANTIC: 'maybe' is not one of on, off",
        "SEMANTIC_MODEL: 'e5' is not one of minilm, bge"), e.getMessage().lines().toList());
  }

  @Test
  void everyModelTheSettingAllowsCanBeLoaded() {
    for (String model : Embedder.models()) {
      assertEquals(model, Config.from(Map.of("SEMANTIC_MODEL", model)).semanticModel());
    }
  }

  @Test
  void helpListsTheSemanticSettings() {
    assertTrue(Config.help().contains("SEMANTIC_MODEL"), Config.help());
    assertTrue(Config.help().lines().anyMatch(l -> l.strip().startsWith("SEMANTIC ") && l.endsWith("[on]")));
  }
}
