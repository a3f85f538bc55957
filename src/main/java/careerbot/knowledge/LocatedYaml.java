package careerbot.knowledge;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A YAML document read into a Jackson tree that remembers the line of every node, so the validator can
 * tell an editor where a problem is. Jackson's own tree drops locations; this walks the token stream once.
 */
final class LocatedYaml {
  private static final YAMLFactory YAML = YAMLFactory.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  final JsonNode root;
  private final Map<JsonNode, Integer> lines;

  private LocatedYaml(JsonNode root, Map<JsonNode, Integer> lines) {
    this.root = root;
    this.lines = lines;
  }

  /** Parses {@code text}; throws {@link IOException} with a location for malformed YAML. */
  static LocatedYaml parse(String text) throws IOException {
    Map<JsonNode, Integer> lines = new IdentityHashMap<>();
    try (JsonParser p = YAML.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) return new LocatedYaml(NODES.nullNode(), lines);
      JsonNode root = read(p, t, lines);
      return new LocatedYaml(root, lines);
    }
  }

  /** The 1-based line a node starts on, or 0 when unknown. */
  int line(JsonNode node) {
    Integer line = node == null ? null : lines.get(node);
    return line == null ? 0 : line;
  }

  private static JsonNode read(JsonParser p, JsonToken t, Map<JsonNode, Integer> lines) throws IOException {
    JsonLocation at = p.currentTokenLocation();
    JsonNode node;
    switch (t) {
      case START_OBJECT -> {
        ObjectNode o = NODES.objectNode();
        while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
          String name = p.currentName();
          JsonNode value = read(p, p.nextToken(), lines);
          o.set(name, value);
        }
        node = o;
      }
      case START_ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          a.add(read(p, t, lines));
        }
        node = a;
      }
      case VALUE_STRING -> node = NODES.textNode(p.getText());
      case VALUE_NUMBER_INT -> node = NODES.numberNode(p.getLongValue());
      case VALUE_NUMBER_FLOAT -> node = NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> node = NODES.booleanNode(true);
      case VALUE_FALSE -> node = NODES.booleanNode(false);
      case VALUE_NULL -> node = NODES.nullNode();
      default -> throw new IOException("unexpected YAML token " + t);
    }
    // Leaf nodes such as NullNode and BooleanNode are shared singletons: their line is not theirs alone.
    if (node.isContainerNode() || node.isTextual() || node.isNumber()) {
      lines.put(node, at.getLineNr());
    }
    return node;
  }
}
