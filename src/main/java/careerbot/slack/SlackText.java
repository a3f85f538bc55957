package careerbot.slack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text to and from Slack. Incoming: Slack's escapes and its angle-bracket references turned back into
 * what the user typed. Outgoing: the engine's light Markdown turned into Slack mrkdwn, with {@code &},
 * {@code <} and {@code >} escaped. See https://api.slack.com/reference/surfaces/formatting.
 */
final class SlackText {
  private SlackText() {}

  /** {@code <@U123|ann>}, {@code <#C123|jobs>}, {@code <https://x|label>}, {@code <!here>}. */
  private static final Pattern REFERENCE = Pattern.compile("<([@#!]?)([^<>|]{0,500})(?:\\|([^<>]{0,500}))?>");
  private static final Pattern BOLD = Pattern.compile("\\*\\*([^*\\n]{1,500})\\*\\*");

  /** What the user typed: references become their labels (or are dropped for mentions), escapes undone. */
  static String fromSlack(String text) {
    if (text == null) return "";
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String kind = m.group(1);
      String target = m.group(2);
      String label = m.group(3);
      String replacement = switch (kind) {
        case "@" -> label != null ? "@" + label : "";
        case "#" -> label != null ? "#" + label : "";
        case "!" -> "";
        default -> label != null ? label : target.startsWith("mailto:") ? target.substring(7) : target;
      };
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip();
  }

  /** Escapes the three characters mrkdwn reserves. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** The engine's Markdown as mrkdwn: **bold** to *bold*, "- " bullets to "•". */
  static String mrkdwn(String markdown) {
    String s = escape(markdown);
    s = BOLD.matcher(s).replaceAll("*$1*");
    StringBuilder out = new StringBuilder();
    for (String line : s.split("\n", -1)) {
      if (out.length() > 0) out.append('\n');
      if (line.startsWith("- ")) out.append("• ").append(line.substring(2));
      else if (line.startsWith("  ") && !line.isBlank()) out.append("   ").append(line.strip());
      else out.append(line);
    }
    return out.toString();
  }

  /** Plain text for notifications and the {@code text} fallback: no Markdown marks. */
  static String plain(String markdown) {
    return escape(markdown.replace("**", ""));
  }
}
