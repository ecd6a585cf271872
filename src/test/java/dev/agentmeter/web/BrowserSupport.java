package dev.agentmeter.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Starts Debian's headless Chromium through its chromium-driver, never a downloaded browser. Where either
 * is missing the calling test is skipped with a message saying what to install.
 */
public final class BrowserSupport {

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private BrowserSupport() {
    }

    public static ChromeDriver startHeadlessChromium(int width, int height) throws IOException {
        Optional<File> browser = firstExisting(System.getenv("CHROME_BIN"), BROWSERS);
        Optional<File> driver = firstExisting(System.getenv("CHROMEDRIVER"), DRIVERS);
        Assumptions.assumeTrue(browser.isPresent() && driver.isPresent(),
                "Browser tests skipped: no chromium and chromium-driver found (apt-get install -y chromium chromium-driver)");

        var options = new ChromeOptions();
        options.setBinary(browser.get());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createTempDirectory("agentmeter-chromium"));
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        options.setCapability("se:downloadsEnabled", false);

        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get())
                .usingAnyFreePort()
                .withEnvironment(Map.of())
                .build();
        var chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return chrome;
    }

    private static Optional<File> firstExisting(String override, List<String> candidates) {
        if (override != null && !override.isBlank() && new File(override).canExecute()) {
            return Optional.of(new File(override));
        }
        return candidates.stream().map(File::new).filter(File::canExecute).findFirst();
    }
}
