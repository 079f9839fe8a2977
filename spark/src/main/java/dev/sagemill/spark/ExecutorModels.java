package dev.sagemill.spark;

import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.io.ModelIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;

/**
 * The models an executor has loaded, one per broadcast: every task of a transform on this JVM shares it (models are
 * thread-safe), so a model file is read once per executor, not once per task. Keeps the eight used last.
 */
final class ExecutorModels {
  private static final int KEPT = 8;
  private static final Map<Long, Model> LOADED = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Model> eldest) {
      return size() > KEPT;
    }
  };

  private ExecutorModels() {}

  static Model get(Broadcast<byte[]> bytes) {
    synchronized (LOADED) {
      Model m = LOADED.get(bytes.id());
      if (m == null) {
        try {
          m = ModelIO.fromBytes(bytes.value(), "broadcast " + bytes.id());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        LOADED.put(bytes.id(), m);
      }
      return m;
    }
  }
}
