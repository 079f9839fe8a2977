package dev.sagemill.core.data;

import java.util.List;

/**
 * Lines of text held in memory as a {@link RecordSource} of {@link TextBatch}es, so a text algorithm trains from a
 * {@code List<String>} as it does from a {@code text/plain} channel. Line numbers in messages start at 1.
 *
 * <p>Immutable and thread-safe: each {@link #open} is an independent pass.
 */
public final class InMemoryText implements RecordSource<TextBatch> {
  private final InMemoryRecords<String, TextBatch> records;

  private InMemoryText(List<String> lines, String name) {
    this.records = InMemoryRecords.text(lines, name);
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
    return records.open(batchSize);
  }

  @Override
  public String description() {
    return records.description();
  }
}
