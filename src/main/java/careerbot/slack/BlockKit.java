package careerbot.slack;

import careerbot.answer.Answer;
import careerbot.answer.SourceRef;
import careerbot.answer.Table;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An answer as a Slack message: the answer in mrkdwn sections, a comparison's figures as section fields,
 * the sources in a context block, and the suggestions as buttons, plus a plain {@code text} fallback for
 * notifications. Stays within Block Kit's limits (https://api.slack.com/reference/block-kit/blocks):
 * 50 blocks, 3,000 characters per section text, 10 fields of 2,000 characters, 75 per button label.
 */
final class BlockKit {
  static final int MAX_BLOCKS = 50;
  static final int MAX_SECTION_TEXT = 3000;
  static final int MAX_FIELDS = 10;
  static final int MAX_FIELD_TEXT = 2000;
  static final int MAX_BUTTON_TEXT = 75;
  static final int MAX_BUTTONS = 5;
  static final String SUGGESTION_ACTION = "careerbot_suggestion_";
  static final String FEEDBACK_ACTION = "careerbot_feedback_";

  private BlockKit() {}

  static ObjectNode message(ObjectMapper json, Answer a, boolean inChannel) {
    return message(json, a, null, inChannel);
  }

  /** The answer as a message; with an {@code answerId}, "Helpful" and "Not helpful" buttons under it. */
  static ObjectNode message(ObjectMapper json, Answer a, String answerId, boolean inChannel) {
    ObjectNode msg = json.createObjectNode();
    msg.put("response_type", inChannel ? "in_channel" : "ephemeral");
    msg.put("text", clip(SlackText.plain(a.text()), MAX_SECTION_TEXT));
    ArrayNode blocks = msg.putArray("blocks");
    List<ObjectNode> list = new ArrayList<>(blocks(json, a));
    if (answerId != null) {
      ObjectNode actions = json.createObjectNode().put("type", "actions");
      ArrayNode elements = actions.putArray("elements");
      ObjectNode yes = elements.addObject().put("type", "button").put("action_id", FEEDBACK_ACTION + "yes")
          .put("value", answerId);
      yes.putObject("text").put("type", "plain_text").put("text", "Helpful");
      ObjectNode no = elements.addObject().put("type", "button").put("action_id", FEEDBACK_ACTION + "no")
          .put("value", answerId);
      no.putObject("text").put("type", "plain_text").put("text", "Not helpful");
      if (list.size() >= MAX_BLOCKS) list = new ArrayList<>(list.subList(0, MAX_BLOCKS - 1));
      list.add(actions);
    }
    list.stream().limit(MAX_BLOCKS).forEach(blocks::add);
    return msg;
  }

  static List<ObjectNode> blocks(ObjectMapper json, Answer a) {
    List<ObjectNode> out = new ArrayList<>();
    for (String chunk : chunks(SlackText.mrkdwn(a.text()), MAX_SECTION_TEXT)) out.add(section(json, chunk));
    Table t = a.table();
    if (t != null && !t.rows().isEmpty()) {
      List<String> fields = new ArrayList<>();
      for (List<String> row : t.rows()) {
        StringBuilder f = new StringBuilder("*").append(SlackText.escape(row.get(0))).append('*');
        for (int i = 1; i < row.size() && i < t.columns().size(); i++) {
          f.append('\n').append(SlackText.escape(t.columns().get(i))).append(": ").append(SlackText.escape(row.get(i)));
        }
        fields.add(clip(f.toString(), MAX_FIELD_TEXT));
      }
      // The table's title, then its rows ten fields at a time.
      out.add(section(json, "*" + SlackText.escape(t.caption()) + "*"));
      for (int i = 0; i < fields.size(); i += MAX_FIELDS) {
        ObjectNode s = json.createObjectNode().put("type", "section");
        ArrayNode fs = s.putArray("fields");
        for (String f : fields.subList(i, Math.min(fields.size(), i + MAX_FIELDS))) {
          fs.addObject().put("type", "mrkdwn").put("text", f);
        }
        out.add(s);
      }
    }
    if (!a.sources().isEmpty()) {
      ObjectNode ctx = json.createObjectNode().put("type", "context");
      String sources = a.sources().stream().map(SourceRef::title).map(SlackText::escape)
          .collect(Collectors.joining("; "));
      ctx.putArray("elements").addObject().put("type", "mrkdwn")
          .put("text", clip("Sources: " + sources, MAX_SECTION_TEXT));
      out.add(ctx);
    }
    if (!a.suggestions().isEmpty()) {
      ObjectNode actions = json.createObjectNode().put("type", "actions");
      ArrayNode elements = actions.putArray("elements");
      int i = 0;
      for (String q : a.suggestions()) {
        if (i == MAX_BUTTONS) break;
        ObjectNode b = elements.addObject().put("type", "button").put("action_id", SUGGESTION_ACTION + i++)
            .put("value", clip(q, MAX_FIELD_TEXT));
        b.putObject("text").put("type", "plain_text").put("text", clip(q, MAX_BUTTON_TEXT));
      }
      out.add(actions);
    }
    // Keep the suggestions and sources when a very long answer would overflow the block limit.
    if (out.size() > MAX_BLOCKS) {
      List<ObjectNode> tail = out.subList(out.size() - 2, out.size());
      List<ObjectNode> head = new ArrayList<>(out.subList(0, MAX_BLOCKS - 2));
      head.addAll(tail);
      return head;
    }
    return out;
  }

  private static ObjectNode section(ObjectMapper json, String mrkdwn) {
    ObjectNode s = json.createObjectNode().put("type", "section");
    s.putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
    return s;
  }

  /** Splits text at line breaks into pieces of at most {@code max} characters. */
  static List<String> chunks(String text, int max) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      while (line.length() > max) {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
        out.add(line.substring(0, max));
        line = line.substring(max);
      }
      if (cur.length() + line.length() + 1 > max && cur.length() > 0) {
        out.add(cur.toString());
        cur.setLength(0);
      }
      if (cur.length() > 0) cur.append('\n');
      cur.append(line);
    }
    if (!cur.toString().isBlank()) out.add(cur.toString());
    return out;
  }

  static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
