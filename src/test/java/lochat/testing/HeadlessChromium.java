package lochat.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, headless, driven by Playwright, for the tests of the chat page. Missing
 * /usr/bin/chromium skips the test, except under CI ({@code CI} set, as {@code .ci/run} runs,
 * which installs it), where it fails. Chromium is started with the flags that keep it off the
 * network, so no packet leaves the machine. Playwright's assertions wait up to {@link #WAIT_MS}.
 */
public final class HeadlessChromium implements AutoCloseable {

  public static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  public static final double WAIT_MS = 20_000;

  private final Playwright playwright;
  private final Browser browser;

  private HeadlessChromium(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  /** Starts Chromium, or skips (fails under CI) the calling test if it is not installed. */
  public static HeadlessChromium start() {
    String missing = "Chromium is not installed at " + CHROMIUM + "; these tests need it."
        + " Install the Debian package chromium (sudo apt-get install chromium) and run again.";
    if (System.getenv("CI") != null) {
      assertTrue(Files.isExecutable(CHROMIUM), missing);
    } else {
      assumeTrue(Files.isExecutable(CHROMIUM), missing);
    }
    Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(CHROMIUM)
          .setHeadless(true)
          .setArgs(List.of("--no-sandbox", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run",
              "--disable-default-apps", "--disable-domain-reliability", "--no-pings",
              "--disable-features=Translate,OptimizationHints,MediaRouter,"
                  + "AutofillServerCommunication",
              // No name is looked up: the flags above still leave Chromium asking DNS for
              // Google's hosts (accounts, update, content-autofill; seen with tcpdump on eth0),
              // and tests only ever open 127.0.0.1.
              "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")));
      PlaywrightAssertions.setDefaultAssertionTimeout(WAIT_MS);
      return new HeadlessChromium(playwright, browser);
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
  }

  public Browser browser() {
    return browser;
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
