package dev.sagemill.io.text;

import dev.sagemill.core.data.TextBatch;
import dev.sagemill.io.Channel;
import dev.sagemill.io.FileRecordSource;
import dev.sagemill.io.RecordReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code text/plain} channels as lines of text, one record per line ({@link TextBatch}): UTF-8, checked strictly
 * (a malformed byte is an error naming the file and line, never a replacement character), {@code \n}, {@code \r\n}
 * or {@code \r} line ends, a byte-order mark skipped. Empty lines are records too: nothing is dropped; algorithms
 * decide what an empty line means.
 *
 * <p>Thread-safe: passes are independent.
 */
public final class TextLineSource extends FileRecordSource<String, TextBatch> {
  /** The longest line accepted (16 MiB): longer ones are an error rather than unbounded memory. */
  public static final int MAX_LINE_BYTES = 16 << 20;

  private TextLineSource(Channel channel) {
    super(channel, "text/plain", TextBatch.class);
  }

  /**
   * @param channel the files
   * @return the source
   */
  public static TextLineSource of(Channel channel) {
    return new TextLineSource(channel);
  }

  @Override
  protected RecordReader<String> reader(Path file) throws IOException {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    return new LineRecordReader<>(file, MAX_LINE_BYTES) {
      @Override
      public Optional<String> next() throws IOException {
        if (!lines.next()) {
          return Optional.empty();
        }
        try {
          return Optional.of(utf8.decode(ByteBuffer.wrap(lines.bytes(), 0, lines.length())).toString());
        } catch (CharacterCodingException e) {
          throw bad("is not valid UTF-8");
        }
      }
    };
  }

  @Override
  protected TextBatch batch(List<String> records, String origin, long firstRecord) {
    return new TextBatch(records, origin, firstRecord);
  }
}
