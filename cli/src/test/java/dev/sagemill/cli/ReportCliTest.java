package dev.sagemill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sagemill report}: a self-contained page with the job's hyperparameters, data shape, metrics and inlined
 * pictures; rendered in headless Chromium (Debian's {@code chromium}) to a screenshot that is not blank, with no
 * console error.
 */
class ReportCliTest {
  private static final Path HIGGS = CliTest.HIGGS;
  private static final Pattern IMG = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

  @TempDir
  Path dir;

  private Path trainedReport() throws IOException {
    Path model = dir.resolve("model");
    CliTest.Run run = CliTest.trainXgboostOnHiggs(model, 15, "auc");
    assertEquals(0, run.code(), run.out());
    Path html = dir.resolve("out").resolve("report.html");
    run = CliTest.run("report", "--model-dir", model.toString(), "--output", html.toString());
    assertEquals(0, run.code(), run.out());
    return html;
  }

  @Test
  void reportHoldsHyperparametersDataMetricsAndPictures() throws IOException {
    String page = Files.readString(trainedReport());
    for (String s : new String[] {"<h2>Hyperparameters</h2>", "num_round", "<h2>Data</h2>", "<h2>Metrics</h2>",
        "validation:auc", "<h2>Pictures</h2>", "xgboost: learning curves"}) {
      assertTrue(page.contains(s), "missing " + s);
    }
    assertFalse(page.contains("<script"), "the page needs no script");
    Matcher m = IMG.matcher(page);
    int pictures = 0;
    while (m.find()) {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
      assertEquals(800, img.getWidth());
      pictures++;
    }
    assertEquals(2, pictures, "learning curves and feature importance");
  }

  @Test
  void trainWritesTheReportOnRequest() throws IOException {
    Path model = dir.resolve("reported");
    CliTest.Run run = CliTest.run("train", "--algorithm", "linear-learner", "--train", HIGGS.resolve("train.csv.gz")
        .toString(), "--hp", "predictor_type=binary_classifier", "--hp", "epochs=2", "--model-dir", model.toString(),
        "--no-progress", "--threads", "2", "--report");
    assertEquals(0, run.code(), run.out());
    String page = Files.readString(model.resolve("report.html"));
    assertTrue(page.contains("sagemill training report: linear-learner") && page.contains("predictor_type"), page);
  }

  /** Renders the page in headless Chromium; skipped, saying so, where Chromium is not installed. */
  @Test
  void reportRendersInHeadlessChromiumWithoutConsoleErrors() throws Exception {
    String chromium = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
        .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
    Assumptions.assumeTrue(chromium != null, "Chromium is not installed (apt-get install chromium): the report's "
        + "browser rendering is not checked");
    Path html = trainedReport();
    Path shot = dir.resolve("shot.png");
    Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--enable-logging=stderr", "--v=0", "--user-data-dir=" + dir.resolve("profile"), "--window-size=1100,1600",
        "--screenshot=" + shot, html.toUri().toString()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
    assertTrue(Files.exists(shot), "no screenshot; chromium said:\n" + log);
    for (String line : log.split("\n")) {
      assertFalse(line.contains(":CONSOLE") || line.contains("Uncaught"), "a console message: " + line);
    }
    BufferedImage img = ImageIO.read(shot.toFile());
    assertEquals(1100, img.getWidth());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 4) {
      for (int x = 0; x < img.getWidth(); x += 4) {
        colours.add(img.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 50, "the screenshot is near blank: " + colours.size() + " colours");
  }
}
