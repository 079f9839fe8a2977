package dev.sagemill.io.image;

import dev.sagemill.core.data.ImageBatch;
import dev.sagemill.core.data.LabeledImage;
import dev.sagemill.io.Channel;
import dev.sagemill.io.FileRecordSource;
import dev.sagemill.io.RecordReader;
import dev.sagemill.io.text.LineRecordReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * SageMaker's image format for image classification: a {@code train} channel of image files (JPEG, PNG, ... any
 * layout of folders) and a {@code train_lst} channel of list files whose lines are
 * {@code index \t label [\t label ...] \t relative/path.jpg}, as MXNet's {@code im2rec.py} writes them. Each line
 * becomes a {@link LabeledImage} holding the file's encoded bytes; decoding is the algorithm's job. Several label
 * columns are a multi-label line. A path that is missing, absolute, or leaves the image folder, a label that is not
 * a number, or a line with fewer than three columns is an error naming the list file and line.
 *
 * <p>Memory is one batch of encoded images. Thread-safe: passes are independent.
 */
public final class ImageListSource extends FileRecordSource<LabeledImage, ImageBatch> {
  /** The content type of the list channel. */
  public static final String LIST_TYPE = "application/x-image";

  /** The largest image file accepted (256 MiB): larger is an error rather than unbounded memory. */
  public static final long MAX_IMAGE_BYTES = 256L << 20;

  private final Path imageRoot;

  private ImageListSource(Channel lists, Path imageRoot) {
    super(lists, LIST_TYPE, ImageBatch.class);
    this.imageRoot = imageRoot.toAbsolutePath().normalize();
  }

  /**
   * @param lists the list files ({@code train_lst})
   * @param imageRoot the folder of the image channel ({@code train}) that the lists' paths are relative to
   * @return the source
   * @throws IllegalArgumentException if the image folder does not exist
   */
  public static ImageListSource of(Channel lists, Path imageRoot) {
    if (!Files.isDirectory(imageRoot)) {
      throw new IllegalArgumentException("image channel folder " + imageRoot + " does not exist; the list channel "
          + lists.name() + " names images relative to it");
    }
    return new ImageListSource(lists, imageRoot);
  }

  @Override
  protected RecordReader<LabeledImage> reader(Path file) throws IOException {
    return new LineRecordReader<>(file, 1 << 20) {
      @Override
      public Optional<LabeledImage> next() throws IOException {
        while (lines.next()) {
          String line = new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8);
          if (line.isBlank()) {
            continue;
          }
          return Optional.of(image(line));
        }
        return Optional.empty();
      }

      private LabeledImage image(String line) throws IOException {
        String[] cols = line.split("\t", -1);
        if (cols.length < 3) {
          throw bad("has " + cols.length + " tab-separated column" + (cols.length == 1 ? "" : "s")
              + "; expected index, label(s) and image path");
        }
        long index;
        try {
          index = Long.parseLong(cols[0].trim());
        } catch (NumberFormatException e) {
          throw bad("index column must be an integer, got \"" + cols[0] + "\"");
        }
        float[] labels = new float[cols.length - 2];
        for (int i = 0; i < labels.length; i++) {
          try {
            labels[i] = Float.parseFloat(cols[i + 1].trim());
          } catch (NumberFormatException e) {
            throw bad("label column " + (i + 1) + " must be a number, got \"" + cols[i + 1] + "\"");
          }
          if (!Float.isFinite(labels[i])) {
            throw bad("label column " + (i + 1) + " must be finite, got " + cols[i + 1]);
          }
        }
        String rel = cols[cols.length - 1].trim();
        Path relPath = Path.of(rel);
        Path image = imageRoot.resolve(relPath).normalize();
        if (rel.isEmpty() || relPath.isAbsolute() || !image.startsWith(imageRoot)) {
          throw bad("image path \"" + rel + "\" must be relative to the image folder and stay inside it");
        }
        long size;
        try {
          size = Files.size(image);
        } catch (NoSuchFileException e) {
          throw bad("names image " + rel + ", which is not in " + imageRoot);
        }
        if (size > MAX_IMAGE_BYTES) {
          throw bad("image " + rel + " has " + size + " bytes, more than the " + MAX_IMAGE_BYTES + " accepted");
        }
        return new LabeledImage(index, rel, labels, Files.readAllBytes(image));
      }
    };
  }

  @Override
  protected ImageBatch batch(List<LabeledImage> records, String origin, long firstRecord) {
    return new ImageBatch(records, origin, firstRecord);
  }
}
