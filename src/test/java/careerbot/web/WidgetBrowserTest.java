package careerbot.web;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import careerbot.App;
import careerbot.Config;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The widget in a real browser (Debian's Chromium through ChromeDriver) against the real server: what a
 * job seeker does on the demo page, in order, in one tab, so the conversation carries from test to test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("browser")
class WidgetBrowserTest {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String DRIVER = "/usr/bin/chromedriver";
  static int port;
  static App app;
  static final Path DATA = tempData();

  static Path tempData() {
    try {
      return Files.createTempDirectory("careerbot-browser-data");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
  static ChromeDriver driver;
  static WebDriverWait wait;

  @BeforeAll
  static void start() throws IOException {
    Assumptions.assumeTrue(new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute(),
        "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    app = startApp();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--window-size=1280,900",
        "--user-data-dir=" + Files.createTempDirectory("careerbot-chromium"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  static App startApp() {
    return App.start(Config.from(Map.of("PORT", String.valueOf(port), "HOST", "127.0.0.1", "RELOAD", "false",
        "RATE_BURST", "100", "SHUTDOWN_GRACE_SECONDS", "1", "DATA_DIR", DATA.toString())));
  }

  @AfterAll
  static void stop() {
    if (driver != null) driver.quit();
    if (app != null) app.stop();
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  SearchContext shadow() {
    return wait.until(d -> d.findElement(By.cssSelector("careerbot-widget")).getShadowRoot());
  }

  WebElement launcher() {
    return shadow().findElement(By.cssSelector(".cb-launcher"));
  }

  String focused() {
    return (String) ((JavascriptExecutor) driver).executeScript(
        "var h = document.querySelector('careerbot-widget');"
            + "var a = h && h.shadowRoot.activeElement; return a ? a.className : (document.activeElement.tagName);");
  }

  List<WebElement> botMessages() {
    return shadow().findElements(By.cssSelector(".cb-bot"));
  }

  /** Types a question into the panel and waits for the next bot message; returns its text. */
  String ask(String question) {
    int before = botMessages().size() + shadow().findElements(By.cssSelector(".cb-error")).size();
    WebElement input = shadow().findElement(By.cssSelector("#cb-input"));
    input.sendKeys(question, Keys.ENTER);
    wait.until(d -> botMessages().size() + shadow().findElements(By.cssSelector(".cb-error")).size() > before);
    List<WebElement> all = shadow().findElements(By.cssSelector(".cb-bot, .cb-error"));
    return all.get(all.size() - 1).getText();
  }

  @Test
  @Order(1)
  void theLauncherOpensByKeyboardAndAQuestionGetsAFigureAndItsSource() {
    driver.get(base() + "/");
    WebElement launcher = launcher();
    assertEquals("false", launcher.getAttribute("aria-expanded"));
    // Tab through the host page until the launcher has focus, as a keyboard user would.
    for (int i = 0; i < 30 && !"cb-launcher cb-right".equals(focused()); i++) {
      new Actions(driver).sendKeys(Keys.TAB).perform();
    }
    assertEquals("cb-launcher cb-right", focused(), "the launcher is reachable by Tab");
    new Actions(driver).sendKeys(Keys.ENTER).perform();
    wait.until(d -> "true".equals(launcher().getAttribute("aria-expanded")));
    WebElement dialog = shadow().findElement(By.cssSelector("[role=dialog]"));
    assertEquals("Career assistant", shadow().findElement(By.id("cb-title")).getText());
    assertEquals("cb-title", dialog.getAttribute("aria-labelledby"));
    wait.until(d -> "cb-input".equals(focused()));
    wait.until(d -> !botMessages().isEmpty()); // the welcome
    String answer = ask("how much does a patient service specialist make");
    assertTrue(answer.contains("$33,563") || answer.contains("$40,300"), answer);
    assertTrue(answer.contains("Sources:"), answer);
    assertTrue(answer.contains("Himalayas") || answer.contains("Career Guide"), answer);
  }

  @Test
  @Order(2)
  void aSuggestionChipAsksItsQuestion() {
    List<WebElement> chips = shadow().findElements(By.cssSelector(".cb-chip"));
    assertFalse(chips.isEmpty(), "suggestions are shown as chips");
    String question = chips.get(0).getText();
    int before = botMessages().size();
    chips.get(0).click();
    wait.until(d -> botMessages().size() > before);
    List<WebElement> users = shadow().findElements(By.cssSelector(".cb-user"));
    assertTrue(users.get(users.size() - 1).getText().contains(question));
  }

  @Test
  @Order(3)
  void aComparisonIsRenderedAsAnAccessibleTable() {
    ask("pss vs patient coordinator");
    // The answer's own table: an earlier answer (a suggested comparison) may hold one too.
    WebElement table = wait.until(d -> {
      List<WebElement> bots = botMessages();
      return bots.get(bots.size() - 1).findElement(By.cssSelector(".cb-table"));
    });
    assertTrue(table.findElement(By.tagName("caption")).getText().contains("Patient Coordinator"));
    assertEquals("col", table.findElement(By.cssSelector("thead th")).getAttribute("scope"));
    assertEquals("row", table.findElement(By.cssSelector("tbody th")).getAttribute("scope"));
  }

  @Test
  @Order(4)
  void reloadingThePageKeepsTheConversation() {
    int before = shadow().findElements(By.cssSelector(".cb-msg")).size();
    driver.navigate().refresh();
    wait.until(d -> shadow().findElements(By.cssSelector(".cb-msg")).size() >= before);
    assertTrue(shadow().findElement(By.cssSelector(".cb-log")).getText().contains("$33,563"));
    wait.until(d -> "true".equals(launcher().getAttribute("aria-expanded")));
  }

  @Test
  @Order(5)
  void markupTypedByTheUserIsShownAsTextAndNeverRuns() {
    String evil = "<img src=x onerror=alert(1)>";
    ask(evil);
    List<WebElement> users = shadow().findElements(By.cssSelector(".cb-user p"));
    assertEquals(evil, users.get(users.size() - 1).getText());
    assertTrue(shadow().findElements(By.cssSelector("img")).isEmpty(), "no img element was created");
    assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
  }

  @Test
  @Order(6)
  void escapeClosesThePanelAndFocusReturnsToTheLauncher() {
    shadow().findElement(By.cssSelector("#cb-input")).sendKeys(Keys.ESCAPE);
    wait.until(d -> "false".equals(launcher().getAttribute("aria-expanded")));
    assertTrue(focused().startsWith("cb-launcher"));
    launcher().click();
    wait.until(d -> "true".equals(launcher().getAttribute("aria-expanded")));
  }

  @Test
  @Order(7)
  void afterTheServerRestartsTheWidgetReconnects() {
    app.stop();
    WebElement status = shadow().findElement(By.cssSelector(".cb-status"));
    wait.until(d -> status.isDisplayed() && status.getText().contains("Reconnecting"));
    app = startApp();
    wait.until(d -> !shadow().findElement(By.cssSelector(".cb-status")).isDisplayed());
    String answer = ask("pss hourly");
    assertTrue(answer.contains("$16.14"), answer);
  }

  /** Every axe-core rule, experimental ones included (they are off unless asked for by tag). */
  static final List<String> ALL_AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag2aaa", "wcag21a", "wcag21aa",
      "wcag22aa", "best-practice", "experimental", "section508", "ACT", "TTv5", "EN-301-549");

  @Test
  @Order(8)
  void thePageAndTheOpenWidgetPassAnAutomatedAccessibilityCheck() throws IOException {
    Results results = new AxeBuilder().withTags(ALL_AXE_TAGS).analyze(driver);
    List<Rule> violations = results.getViolations().stream()
        .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact())).toList();
    assertTrue(violations.isEmpty(), () -> violations.stream()
        .map(v -> v.getId() + ": " + v.getHelp() + " " + v.getNodes().stream().map(n -> String.valueOf(n.getTarget()))
            .collect(Collectors.joining(", ")))
        .collect(Collectors.joining("\n")));
    Path shot = Path.of("target/widget-screenshot.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }

  @Test
  @Order(10)
  void onAPhoneThePanelFillsTheScreenWithReadableInput() {
    ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 800));
    try {
      driver.get(base() + "/");
      launcher().click();
      WebElement dialog = wait.until(d -> shadow().findElement(By.cssSelector("[role=dialog]")));
      wait.until(d -> dialog.isDisplayed());
      long viewport = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.clientWidth;");
      assertEquals(viewport, (long) dialog.getRect().getWidth(), "full width below 480 px");
      // (after the 160 ms opening animation)
      wait.until(d -> dialog.getRect().getY() == 0);
      long height = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.clientHeight;");
      assertEquals(height, (long) dialog.getRect().getHeight(), "full height below 480 px");
      assertEquals("16px", shadow().findElement(By.cssSelector("#cb-input")).getCssValue("font-size"));
    } finally {
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    }
  }

  @Test
  @Order(11)
  void whenWebSocketsAreBlockedTheWidgetFallsBackToHttp() {
    ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("ws://*", "*/ws/chat*")));
    try {
      driver.get(base() + "/");
      launcher().click();
      wait.until(d -> "cb-input".equals(focused()));
      String first = ask("how much do patient coordinators make");
      assertTrue(first.contains("$32,954"), first);
      String second = ask("and per hour?");
      assertTrue(second.contains("$15.84"), "the HTTP session keeps the conversation: " + second);
    } finally {
      driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
    }
  }

  @Test
  @Order(12)
  void onTheSecondJobPostingTheWidgetAnswersAboutThatCareer() {
    ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
    driver.get(base() + "/coordinator.html");
    launcher().click();
    wait.until(d -> !botMessages().isEmpty());
    assertTrue(botMessages().get(0).getText().contains("patient coordinators"), botMessages().get(0).getText());
    String answer = ask("how much does this job pay?");
    assertTrue(answer.contains("$32,954"), answer);
    assertTrue(answer.contains("Brockton, MA"), "the page's place: " + answer);
    // The first posting links here; its widget answers about its own career.
    driver.get(base() + "/");
    assertTrue(driver.findElement(By.cssSelector("a[href='/coordinator.html']")).isDisplayed());
  }

  @Test
  @Order(13)
  void theLaunchersAccessibleNameIsItsVisibleTextAndBothPagesPassEveryAxeRule() {
    for (String page : List.of("/", "/coordinator.html")) {
      ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
      driver.get(base() + page);
      WebElement l = launcher();
      String name = (String) ((JavascriptExecutor) driver).executeScript(
          "var b = arguments[0]; return b.getAttribute('aria-label') || b.textContent;", l);
      assertTrue(name.strip().contains(l.getText().strip()), "accessible name '" + name + "' vs '" + l.getText() + "'");
      l.click();
      wait.until(d -> !botMessages().isEmpty());
      ask("pss vs patient coordinator");
      Results results = new AxeBuilder().withTags(ALL_AXE_TAGS).analyze(driver);
      List<Rule> serious = results.getViolations().stream()
          .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact())).toList();
      assertTrue(serious.isEmpty(), () -> page + ": " + serious.stream().map(v -> v.getId() + ": " + v.getHelp() + " "
          + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
          .collect(Collectors.joining("\n")));
    }
  }

  @Test
  @Order(14)
  void suggestionsLeaveMostOfThePanelToTheConversationOnDesktopAndPhone() {
    for (int[] size : new int[][] {{1280, 900}, {390, 800}}) {
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(size[0], size[1]));
      try {
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.get(base() + "/");
        launcher().click();
        WebElement dialog = wait.until(d -> shadow().findElement(By.cssSelector("[role=dialog]")));
        wait.until(d -> !botMessages().isEmpty());
        ask("how much does a patient service specialist make in the united kingdom?");
        WebElement chips = shadow().findElement(By.cssSelector(".cb-chips"));
        wait.until(d -> chips.isDisplayed() && !chips.findElements(By.cssSelector(".cb-chip")).isEmpty());
        double panel = dialog.getRect().getHeight();
        double chipRow = chips.getRect().getHeight();
        double transcript = shadow().findElement(By.cssSelector(".cb-log")).getRect().getHeight();
        assertTrue(chipRow <= panel / 4, size[0] + " px: chips take " + chipRow + " of " + panel);
        assertTrue(transcript >= panel * 0.6, size[0] + " px: the transcript has " + transcript + " of " + panel);
      } finally {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
      }
    }
  }

  @Test
  @Order(15)
  void aReaderVotesOnAnAnswerByKeyboardOnceAndTheVoteReachesTheEditors() throws Exception {
    ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
    driver.get(base() + "/");
    launcher().click();
    wait.until(d -> !botMessages().isEmpty());
    ask("how much does a patient service specialist make?");
    List<WebElement> groups = shadow().findElements(By.cssSelector(".cb-bot [role=group].cb-vote"));
    WebElement group = groups.get(groups.size() - 1);
    assertEquals("Was this answer helpful?", group.getAttribute("aria-label"));
    WebElement no = group.findElements(By.cssSelector("button")).get(1);
    assertEquals("No, not helpful", no.getAttribute("aria-label"));
    no.sendKeys(Keys.ENTER);
    WebElement comment = wait.until(d -> group.findElement(By.cssSelector("input.cb-vote-input")));
    assertEquals("cb-vote-input", focused(), "the comment box takes the focus");
    assertEquals("What was missing? (optional)", group.findElement(By.cssSelector("label")).getText());
    comment.sendKeys("I wanted pay in Canada", Keys.ENTER);
    wait.until(d -> group.getText().contains("Thanks for your feedback"));
    assertTrue(group.findElements(By.cssSelector("button")).isEmpty(), "one vote per answer");
    assertTrue(app.recorder().flush(Duration.ofSeconds(20)));
    for (int i = 0; i < 100 && app.recorder().store() == null; i++) Thread.sleep(100);
    var votes = app.recorder().store().since(0).stream().filter(r -> "feedback".equals(r.kind())).toList();
    assertEquals(1, votes.size(), votes.toString());
    assertEquals(Boolean.FALSE, votes.get(0).helpful());
    assertEquals("I wanted pay in Canada", votes.get(0).comment());
    // After a reload the answer shows it was voted on, with no buttons.
    driver.navigate().refresh();
    wait.until(d -> !shadow().findElements(By.cssSelector(".cb-vote-done")).isEmpty());
  }

  @Test
  @Order(9)
  void aStrictCspPageWithHostileCssRunsTheWidgetWithoutViolations() {
    driver.manage().logs().get(LogType.BROWSER); // drop earlier entries
    ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
    driver.get(base() + "/demo-strict.html");
    WebElement launcher = launcher();
    assertEquals("48px", launcher.getCssValue("min-height"), "the host's 5px root font size does not shrink it");
    launcher.click();
    wait.until(d -> !botMessages().isEmpty());
    String answer = ask("pss salary in the uk");
    assertTrue(answer.contains("£22,000"), answer);
    assertEquals("16px", shadow().findElement(By.cssSelector("#cb-input")).getCssValue("font-size"));
    List<LogEntry> csp = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getMessage().contains("Content Security Policy") || e.getMessage().contains("Refused to"))
        .toList();
    assertTrue(csp.isEmpty(), () -> "CSP violations: " + csp);
  }
}
