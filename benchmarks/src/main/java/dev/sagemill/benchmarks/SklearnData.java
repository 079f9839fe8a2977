package dev.sagemill.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The small tables Debian's {@code python3-sklearn} ships as files (iris, wine, breast cancer, digits), read
 * directly from its data folder: nothing runs in Python. Each row holds the features, then the class.
 */
final class SklearnData {
  /** Where Debian's scikit-learn keeps its bundled tables. */
  static final Path FOLDER = Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data");

  private SklearnData() {}

  /**
   * @param file a file of the folder: {@code iris.csv}, {@code wine_data.csv} and {@code breast_cancer.csv} start
   *     with a header line (rows, columns, class names); {@code digits.csv.gz} has none
   * @return every row, features then class
   * @throws Exception if the file is missing (install python3-sklearn) or unreadable
   */
  static List<float[]> rows(String file) throws Exception {
    Path path = FOLDER.resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(path + " is missing: apt-get install python3-sklearn");
    }
    List<float[]> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(file.endsWith(".gz")
        ? new GZIPInputStream(Files.newInputStream(path)) : Files.newInputStream(path), StandardCharsets.UTF_8))) {
      if (!file.startsWith("digits")) {
        r.readLine();
      }
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",");
        float[] v = new float[cells.length];
        for (int i = 0; i < cells.length; i++) {
          v[i] = Float.parseFloat(cells[i].trim());
        }
        rows.add(v);
      }
    }
    return rows;
  }
}
