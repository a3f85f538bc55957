package careerbot.answer;

/** The intent names an {@link Answer} carries. Stable: clients and metrics use them. */
public final class Intent {
  public static final String FALLBACK = "fallback";
  public static final String GREETING = "greeting";
  public static final String THANKS = "thanks";
  public static final String HELP = "help";
  public static final String ABOUT = "about";
  public static final String COMPARISON = "comparison";

  private Intent() {}
}
