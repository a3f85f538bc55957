package careerbot;

import careerbot.chat.ChatMetrics;
import careerbot.chat.ChatServer;
import careerbot.chat.ChatService;
import careerbot.chat.Knowledge;
import careerbot.chat.Sessions;
import careerbot.knowledge.KnowledgeLoader;
import careerbot.knowledge.LoadResult;
import careerbot.knowledge.Problem;
import careerbot.slack.SlackBridge;
import java.io.PrintStream;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: reads {@link Config}, builds every part with {@code new}, and starts the server.
 * Also the command line: {@code --help} and {@code validate DIR}.
 */
public final class App {
  private static final Logger LOG = LoggerFactory.getLogger(App.class);

  private final ChatServer server;
  private final Knowledge knowledge;

  private final SlackBridge slack;

  private App(ChatServer server, Knowledge knowledge, SlackBridge slack) {
    this.server = server;
    this.knowledge = knowledge;
    this.slack = slack;
  }

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code >= 0) System.exit(code);
  }

  /** Runs the command line; returns an exit code, or -1 when a server was started and keeps running. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
      out.print(Config.help());
      return 0;
    }
    if (args.length > 0 && args[0].equals("load")) {
      return careerbot.load.LoadGenerator.main(java.util.Arrays.copyOfRange(args, 1, args.length), out);
    }
    if (args.length > 0 && args[0].equals("validate")) {
      return validate(args.length > 1 ? Path.of(args[1]) : Path.of("knowledge"), out, err);
    }
    if (args.length > 0) {
      err.println("unknown argument '" + args[0] + "'; try --help");
      return 2;
    }
    Config config;
    try {
      config = Config.fromEnvironment();
    } catch (Config.ConfigException e) {
      err.println("careerbot cannot start, a setting is wrong:\n" + e.getMessage());
      return 2;
    }
    App app = start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "shutdown"));
    LOG.info("careerbot listening on http://{}:{}/", config.host(), app.port());
    return -1;
  }

  static int validate(Path dir, PrintStream out, PrintStream err) {
    LoadResult r = KnowledgeLoader.load(dir);
    if (r.ok()) {
      out.printf("%s is valid: %d pack(s), %d careers, %d figures, %d FAQs, %d guide sections%n", dir,
          r.model().packs().size(), r.model().careers().size(), r.model().figures().size(), r.model().faqs().size(),
          r.model().sections().size());
      return 0;
    }
    for (Problem p : r.problems()) err.println(p);
    err.printf("%s has %d problem(s)%n", dir, r.problems().size());
    return 1;
  }

  /** Builds and starts everything for {@code config}. */
  public static App start(Config config) {
    Sessions sessions = new Sessions(config.maxSessions(), config.sessionTtl());
    ChatMetrics metrics = new ChatMetrics(sessions::size);
    Knowledge knowledge = new Knowledge(config.knowledgeDir(), metrics::reload);
    knowledge.reload();
    if (config.reload()) knowledge.watch();
    ChatService service = new ChatService(knowledge, metrics);
    // The Slack routes exist only when a signing secret is configured.
    SlackBridge slack = config.slackEnabled() ? SlackBridge.create(config, service) : null;
    ChatServer server = new ChatServer(config, knowledge, service, metrics, sessions,
        slack == null ? null : slack::routes);
    server.start();
    return new App(server, knowledge, slack);
  }

  public int port() {
    return server.port();
  }

  public void stop() {
    knowledge.close();
    server.stop();
    if (slack != null) slack.close();
  }
}
