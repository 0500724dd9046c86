package dev.spool.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spool.JobOptions;
import dev.spool.JobStatus;
import dev.spool.web.testing.ShopTasks;
import dev.spool.web.testing.WebFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver; nothing is
 * downloaded): counts that follow the API, a failed job's reason, a retry from the page, a pause
 * from the page. Screenshots go to {@code web/target/screenshots/}.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private WebFixture f;
    private WebDriver browser;
    private WebDriverWait wait;
    private Path profile;
    private Path screenshots;

    @BeforeEach
    void setUp() throws IOException {
        assertThat(CHROMIUM).as("Chromium is needed: apt-get install chromium chromium-driver (.ci/run does)").exists();
        assertThat(CHROMEDRIVER).as("ChromeDriver is needed: apt-get install chromium-driver (.ci/run does)").exists();
        ShopTasks.DECLINED.clear();
        f = new WebFixture("browser", b -> b);
        f.startWorker();
        profile = Files.createTempDirectory("spool-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1360,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
        screenshots = Path.of(System.getProperty("basedir", ".")).resolve("../web/target/screenshots").normalize();
        Files.createDirectories(screenshots);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (f != null) {
            f.close();
        }
        if (profile != null) {
            try (var paths = Files.walk(profile)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The text of the element once it is shown; found again when the 3 s refresh replaced it meanwhile. */
    private String text(By by) {
        return wait.until(d -> {
            try {
                WebElement element = d.findElement(by);
                return element.isDisplayed() ? element.getText() : null;
            } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
                return null;
            }
        });
    }

    private void waitForText(By by, String expected) {
        wait.until(d -> {
            try {
                return d.findElement(by).getText().trim().equals(expected);
            } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
    }

    private void click(By by) {
        wait.until(d -> {
            try {
                d.findElement(by).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException
                    | org.openqa.selenium.ElementNotInteractableException e) {
                return false; // the page refreshed under the click; take the new element
            }
        });
    }

    private void screenshot(String name) throws IOException {
        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(screenshots.resolve(name + ".png"), png);
    }

    @Test
    void countsFollowTheApiAFailedJobIsReadRetriedAndSucceedsAndAQueueIsPausedFromThePage() throws Exception {
        browser.get(f.web.url());
        waitForText(By.cssSelector("[data-test=total-scheduled]"), "0");
        assertThat(browser.getTitle()).isEqualTo("Spool");

        // enqueue through the API: the counts on the open page change
        for (int i = 0; i < 3; i++) {
            assertThat(f.post("/api/jobs", "{\"task\": \"Shop.add\", \"args\": [" + i + ", 1], \"delay\": \"1h\"}")
                    .statusCode()).isEqualTo(202);
        }
        for (int i = 0; i < 40; i++) {
            f.post("/api/jobs", "{\"task\": \"Shop.total\", \"args\": [[{\"name\": \"pen\", \"cents\": 150, \"quantity\": "
                    + (i + 1) + "}]]}");
        }
        waitForText(By.cssSelector("[data-test=total-scheduled]"), "3");
        waitForText(By.cssSelector("[data-count=default-scheduled]"), "3");
        waitForText(By.cssSelector("[data-count=orders-succeeded]"), "40");

        // a failed job: its reason on its page
        String id = f.spool.enqueue(ShopTasks.CHARGE, JobOptions.defaults(), "order-7").id();
        await().atMost(WAIT).until(() -> f.spool.queue("payments").job(id).orElseThrow().status() == JobStatus.FAILED);
        waitForText(By.cssSelector("[data-test=hour-failed]"), "1");
        screenshot("overview");
        click(By.cssSelector("[data-count=payments-failed] a"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-job='" + id + "']")));
        assertThat(text(By.cssSelector("[data-job='" + id + "'] td.reason"))).isEqualTo("card declined for order order-7");
        screenshot("dead-letters");
        click(By.linkText(id));
        assertThat(text(By.cssSelector("[data-test=failure-message]"))).isEqualTo("card declined for order order-7");
        assertThat(text(By.cssSelector("[data-test=stack]"))).contains("java.lang.IllegalStateException");
        assertThat(text(By.cssSelector("[data-test=status]"))).isEqualTo("failed");
        screenshot("failed-job");

        // retry it from the page: it succeeds
        click(By.cssSelector("[data-action=retry]"));
        waitForText(By.cssSelector("[data-test=status]"), "succeeded");
        assertThat(text(By.cssSelector("[data-test=result]"))).isEqualTo("\"charged order-7\"");
        screenshot("retried-job");

        // pause a queue from the page
        browser.get(f.web.url() + "#/queues/default/scheduled");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-tab=scheduled].active")));
        assertThat(browser.findElements(By.cssSelector("tr[data-job]"))).hasSize(3);
        click(By.cssSelector("[data-action=pause]"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-action=resume]")));
        assertThat(f.spool.queue("default").paused()).isTrue();
        screenshot("paused-queue");
        browser.get(f.web.url());
        waitForText(By.cssSelector("[data-test=state-default]"), "paused");
    }

    @Test
    void withATokenTheDashboardLogsInOnceAndThenWrites() throws Exception {
        f.close();
        f = new WebFixture("browser-token", b -> b.token("dashboard-token-123456"));
        browser.get(f.web.url());
        WebElement token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        token.sendKeys("dashboard-token-123456");
        click(By.cssSelector("form button[type=submit]"));
        waitForText(By.cssSelector("[data-test=total-queued]"), "0");
        f.spool.enqueue(ShopTasks.ADD, JobOptions.defaults().delay(Duration.ofHours(1)), 1, 2);
        browser.get(f.web.url() + "#/queues/default/scheduled");
        click(By.cssSelector("[data-action=pause]")); // a write with the session's CSRF token
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-action=resume]")));
        assertThat(f.spool.queue("default").paused()).isTrue();
    }
}
