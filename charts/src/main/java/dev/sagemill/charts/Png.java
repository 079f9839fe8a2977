package dev.sagemill.charts;

import dev.sagemill.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Writes charts as PNG images. Thread-safe: stateless. */
public final class Png {
  private Png() {}

  /**
   * @param chart a chart
   * @return its PNG bytes, at the chart's width and height in pixels
   * @throws IOException if encoding fails
   */
  public static byte[] bytes(Chart<?, ?> chart) throws IOException {
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }

  /**
   * Writes a chart to a file, atomically (a reader never sees half an image).
   *
   * @param chart a chart
   * @param file the PNG file to write
   * @throws IOException if encoding or writing fails
   */
  public static void write(Chart<?, ?> chart, Path file) throws IOException {
    byte[] png = bytes(chart);
    AtomicFiles.write(file, out -> out.write(png));
  }
}
