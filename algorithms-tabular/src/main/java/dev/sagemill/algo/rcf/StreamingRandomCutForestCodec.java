package dev.sagemill.algo.rcf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.io.VersionedCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Saves a streaming forest's whole state so a loaded one continues the stream exactly: {@code config} (dimensions,
 * shingle size, sample size, trees, time decay, seed, points seen), the {@code shingle} of the last inputs, the trees
 * with their free lists ({@link TreeArrays}), each tree's sample heap ({@code sample_sizes}, {@code sample_weights},
 * {@code sample_slots}) and random stream state ({@code rng}, as two ints per tree). Version 1.
 *
 * <p>Thread-safe: stateless.
 */
public final class StreamingRandomCutForestCodec extends VersionedCodec<StreamingRandomCutForest> {
  /** The codec of {@link StreamingRandomCutForest}. */
  public StreamingRandomCutForestCodec() {
    super("sagemill.randomcutforest-stream", 1, 1, StreamingRandomCutForest.class);
  }

  @Override
  public void write(StreamingRandomCutForest model, ModelWriter out) {
    StreamingRandomCutForest.State s = model.state();
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    c.put("dimensions", s.inputDim()).put("shingle_size", s.shingleSize()).put("sample_size", s.sampleSize())
        .put("trees", s.trees().size()).put("time_decay", s.timeDecay()).put("seed", s.seed()).put("seen", s.seen());
    out.putJson("config", c);
    out.putFloats("shingle", s.shingle());
    TreeArrays.write(s.trees(), true, out);
    out.putInts("sample_sizes", s.weights().stream().mapToInt(w -> w.length).toArray());
    out.putDoubles("sample_weights", s.weights().stream().flatMapToDouble(Arrays::stream).toArray());
    out.putInts("sample_slots", s.slots().stream().flatMapToInt(Arrays::stream).toArray());
    int[] rng = new int[2 * s.rngs().length];
    for (int t = 0; t < s.rngs().length; t++) {
      rng[2 * t] = (int) (s.rngs()[t] >>> 32);
      rng[2 * t + 1] = (int) s.rngs()[t];
    }
    out.putInts("rng", rng);
  }

  @Override
  public StreamingRandomCutForest read(ModelReader in, int version) throws IOException {
    JsonNode c = in.json("config");
    int dims = c.path("dimensions").asInt(-1);
    int shingle = c.path("shingle_size").asInt(-1);
    int sample = c.path("sample_size").asInt(-1);
    int trees = c.path("trees").asInt(-1);
    in.require(dims > 0 && shingle > 0 && sample > 0 && trees > 0, "config is " + c);
    float[] window = in.floats("shingle");
    in.require(window.length == dims * shingle, "shingle holds " + window.length + " values");
    List<RandomCutTree> t = TreeArrays.read(in, dims * shingle, sample, trees, true);
    int[] sizes = in.ints("sample_sizes");
    double[] weights = in.doubles("sample_weights");
    int[] slots = in.ints("sample_slots");
    int[] rng = in.ints("rng");
    in.require(sizes.length == trees && rng.length == 2 * trees && weights.length == slots.length
        && Arrays.stream(sizes).asLongStream().sum() == weights.length, "the samples do not match the trees");
    List<double[]> w = new ArrayList<>();
    List<int[]> s = new ArrayList<>();
    long[] states = new long[trees];
    int o = 0;
    for (int i = 0; i < trees; i++) {
      in.require(sizes[i] >= 0 && sizes[i] <= sample, "tree " + i + "'s sample holds " + sizes[i] + " points");
      w.add(Arrays.copyOfRange(weights, o, o + sizes[i]));
      s.add(Arrays.copyOfRange(slots, o, o + sizes[i]));
      o += sizes[i];
      states[i] = ((long) rng[2 * i] << 32) | (rng[2 * i + 1] & 0xFFFFFFFFL);
    }
    return StreamingRandomCutForest.of(new StreamingRandomCutForest.State(dims, shingle, sample,
        c.path("time_decay").asDouble(), c.path("seed").asLong(), c.path("seen").asLong(), window, t, w, s, states));
  }
}
