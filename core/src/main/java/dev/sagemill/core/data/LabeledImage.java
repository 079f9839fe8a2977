package dev.sagemill.core.data;

import java.util.Objects;

/**
 * One encoded image (JPEG, PNG, ... as stored, not decoded) with its labels, as an image list names it.
 *
 * <p>Immutable once built; the arrays are not copied, so callers must not change them.
 *
 * @param index the list's index column, which image answers are keyed by
 * @param name the image's path relative to the image channel
 * @param labels the label columns (one class id; several for multi-label lists); empty when the list has none
 * @param bytes the file's bytes
 */
public record LabeledImage(long index, String name, float[] labels, byte[] bytes) {
  /**
   * Checks the references.
   *
   * @param index the list's index column
   * @param name the image's relative path
   * @param labels the label columns
   * @param bytes the file's bytes
   */
  public LabeledImage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(bytes, "bytes");
  }
}
