package dev.sagemill.core.data;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Lines of text held in memory as a {@link RecordSource} of {@link TextBatch}es, so a text algorithm trains from a
 * {@code List<String>} as it does from a {@code text/plain} channel. Line numbers in messages start at 1.
 *
 * <p>Immutable and thread-safe: each {@link #open} is an independent pass.
 */
public final class InMemoryText implements RecordSource<TextBatch> {
  private final List<String> lines;
  private final String name;

  private InMemoryText(List<String> lines, String name) {
    this.lines = List.copyOf(lines);
    this.name = Objects.requireNonNull(name, "name");
  }

  /**
   * @param lines the lines, without line breaks
   * @param name what messages call the source
   * @return the source
   */
  public static InMemoryText of(List<String> lines, String name) {
    return new InMemoryText(lines, name);
  }

  /**
   * @param lines the lines, without line breaks
   * @return the source, called {@code in-memory text}
   */
  public static InMemoryText of(List<String> lines) {
    return of(lines, "in-memory text");
  }

  @Override
  public Class<TextBatch> batchType() {
    return TextBatch.class;
  }

  @Override
  public RecordStream<TextBatch> open(int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
    }
    return new RecordStream<>() {
      private int next;

      @Override
      public Optional<TextBatch> next() {
        if (next >= lines.size()) {
          return Optional.empty();
        }
        int end = Math.min(lines.size(), next + batchSize);
        TextBatch b = new TextBatch(lines.subList(next, end), name, next + 1);
        next = end;
        return Optional.of(b);
      }

      @Override
      public void close() {
        next = lines.size();
      }
    };
  }

  @Override
  public String description() {
    return name + " (" + lines.size() + " lines)";
  }
}
