package dev.sagemill.core.data;

import java.util.List;
import java.util.Objects;

/**
 * Lines of text, one record per line (BlazingText's pre-tokenised sentences, {@code __label__} lines), decoded as
 * UTF-8 without their line breaks.
 *
 * <p>Immutable and thread-safe.
 *
 * @param lines the lines, in order
 * @param origin the file of the first line
 * @param firstRecord the 1-based line number of the first line
 */
public record TextBatch(List<String> lines, String origin, long firstRecord) implements Batch {
  /**
   * Copies the lines.
   *
   * @param lines the lines, in order
   * @param origin the file of the first line
   * @param firstRecord the 1-based line number of the first line
   */
  public TextBatch {
    lines = List.copyOf(lines);
    Objects.requireNonNull(origin, "origin");
  }

  @Override
  public int size() {
    return lines.size();
  }
}
