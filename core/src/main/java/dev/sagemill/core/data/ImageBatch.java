package dev.sagemill.core.data;

import java.util.List;
import java.util.Objects;

/**
 * Labelled images, one record per image (image classification's {@code train} + {@code train_lst} channels).
 *
 * <p>Immutable and thread-safe.
 *
 * @param images the images, in order
 * @param origin the list file of the first image
 * @param firstRecord the 1-based line number of the first image in that list
 */
public record ImageBatch(List<LabeledImage> images, String origin, long firstRecord) implements Batch {
  /**
   * Copies the list.
   *
   * @param images the images, in order
   * @param origin the list file of the first image
   * @param firstRecord the 1-based line number of the first image in that list
   */
  public ImageBatch {
    images = List.copyOf(images);
    Objects.requireNonNull(origin, "origin");
  }

  @Override
  public int size() {
    return images.size();
  }
}
