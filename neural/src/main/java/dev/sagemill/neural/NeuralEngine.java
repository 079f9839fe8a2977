package dev.sagemill.neural;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads DJL's PyTorch engine once per process, offline: {@code ai.djl.offline=true} is set before the first load so a
 * missing or mismatched native library fails at once with the artifact to add, never with a download attempt.
 *
 * <p>Threads: PyTorch's intra-op pool is process-wide and sized when the engine loads. The first caller's thread
 * count wins ({@code ai.djl.pytorch.num_threads}, unless the user set that property); later jobs asking for another
 * count get a log line saying so.
 *
 * <p>Thread-safe.
 */
public final class NeuralEngine {
  private static final Logger LOG = LoggerFactory.getLogger(NeuralEngine.class);
  /** The artifacts that carry the engine, for error messages. */
  static final String ARTIFACTS = "ai.djl.pytorch:pytorch-engine:0.35.1, ai.djl.pytorch:pytorch-jni:2.7.1-0.35.1 and "
      + "ai.djl.pytorch:pytorch-native-cpu:2.7.1 (classifier linux-x86_64, or your platform's)";
  private static Engine engine;
  private static int loadedThreads;

  private NeuralEngine() {}

  /**
   * The PyTorch engine, loaded on first use.
   *
   * @param threads the intra-op threads wanted, at least 1 (honoured on the first load only)
   * @return the engine
   * @throws IllegalStateException if the engine or its natives are not on the class path, naming the artifacts
   */
  public static synchronized Engine get(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    if (engine == null) {
      if (System.getProperty("ai.djl.offline") == null) {
        System.setProperty("ai.djl.offline", "true");
      }
      if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
      }
      try {
        engine = Engine.getEngine("PyTorch");
      } catch (EngineException | IllegalArgumentException | UnsatisfiedLinkError e) {
        throw new IllegalStateException("the PyTorch engine of DJL could not load (" + e.getMessage() + "); neural "
            + "algorithms need " + ARTIFACTS + " on the class path", e);
      }
      loadedThreads = Integer.getInteger("ai.djl.pytorch.num_threads", threads);
      LOG.info("PyTorch {} loaded through DJL {} with {} intra-op threads on {}", engine.getVersion(),
          Engine.getDjlVersion(), loadedThreads, device());
    } else if (threads != loadedThreads && threads > 1) {
      LOG.info("PyTorch runs {} intra-op threads for the whole process (set when it loaded); this job asked for {}",
          loadedThreads, threads);
    }
    return engine;
  }

  /**
   * Turns off autograd recording on the calling thread; call it before inference. PyTorch keeps the switch per
   * thread, on by default, and DJL turns it off only on the thread that loads the engine: a forecast on another
   * thread recorded every step and ran 3× slower here. Gradient recording in training turns it on and back.
   */
  public static void stopRecording() {
    get(1);
    ai.djl.pytorch.jni.JniUtils.setGradMode(false);
  }

  /** @return the device networks run on: the first GPU when the engine has one, else the CPU */
  public static synchronized Device device() {
    return engine != null && engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
  }

  /**
   * A new root memory scope on the engine's device. Close it to free the native memory of every array made in it.
   *
   * @param threads the intra-op threads wanted (see {@link #get})
   * @return the manager
   */
  public static NDManager newManager(int threads) {
    return get(threads).newBaseManager(device());
  }

  /**
   * Seeds PyTorch's generator (dropout masks). Process-wide: two jobs training at once in one process share it, so
   * only a job running alone is repeatable.
   *
   * @param seed the seed
   */
  public static synchronized void seed(long seed) {
    (engine == null ? get(1) : engine).setRandomSeed((int) (seed ^ (seed >>> 32)));
  }
}
