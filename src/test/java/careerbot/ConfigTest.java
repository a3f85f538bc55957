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

  /**
   * The admin limit holds per address, and an attacker may have many: the token's own strength is what
   * stops guessing. A word with digits is refused at start, naming the key; random hex or base64 passes.
   */
  @Test
  void aWeakAdminTokenStopsStartUpAndARandomOnePasses() {
    for (String weak : List.of("an-admin-token-1", "password1234567890", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "0123456789abcdef", "7f3a9c1e5b2d8f4a6c0e9b7d3")) {
      ConfigException e = assertThrows(ConfigException.class, () -> Config.from(Map.of("ADMIN_TOKEN", weak)), weak);
      assertTrue(e.getMessage().startsWith("ADMIN_TOKEN: too weak"), e.getMessage());
      assertFalse(e.getMessage().contains(weak), "the message never echoes the secret");
    }
    for (String strong : List.of("7f3a9c1e5b2d8f4a6c0e9b7d3f1a5c8e", "q2Vx9_LmT4-aZ8rB1nKc0w", "Ha8#kP2!vX9$mQ4&zT7*")) {
      assertEquals(strong, Config.from(Map.of("ADMIN_TOKEN", strong)).adminToken());
    }
  }
}
