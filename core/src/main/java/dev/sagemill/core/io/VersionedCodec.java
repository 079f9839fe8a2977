package dev.sagemill.core.io;

import dev.sagemill.core.estimator.Model;
import java.util.Objects;

/**
 * The part of a {@link ModelCodec} that is the same for every model type: its format name, the version it writes,
 * the oldest it reads and the model class, given once to the constructor. Subclasses write and read the entries.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <M> the model type
 */
public abstract class VersionedCodec<M extends Model> implements ModelCodec<M> {
  private final String formatName;
  private final int currentVersion;
  private final int minReadableVersion;
  private final Class<M> modelType;

  /**
   * @param formatName the manifest's format name, e.g. {@code sagemill.linear-learner}
   * @param currentVersion the version {@link #write} writes
   * @param minReadableVersion the oldest version {@link #read} understands
   * @param modelType the model class
   */
  protected VersionedCodec(String formatName, int currentVersion, int minReadableVersion, Class<M> modelType) {
    if (minReadableVersion < 1 || minReadableVersion > currentVersion) {
      throw new IllegalArgumentException("versions must satisfy 1 <= min <= current, got " + minReadableVersion
          + " and " + currentVersion);
    }
    this.formatName = Objects.requireNonNull(formatName, "formatName");
    this.currentVersion = currentVersion;
    this.minReadableVersion = minReadableVersion;
    this.modelType = Objects.requireNonNull(modelType, "modelType");
  }

  @Override
  public final String formatName() {
    return formatName;
  }

  @Override
  public final int currentVersion() {
    return currentVersion;
  }

  @Override
  public final int minReadableVersion() {
    return minReadableVersion;
  }

  @Override
  public final Class<M> modelType() {
    return modelType;
  }
}
