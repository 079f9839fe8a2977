package dev.sagemill.algo.fm;

import dev.sagemill.algo.fm.FactorizationMachinesParams.PredictorType;
import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.io.ArtifactReader;
import dev.sagemill.core.io.ArtifactWriter;
import dev.sagemill.core.io.CorruptModelException;
import dev.sagemill.core.io.MxNdArrays;
import dev.sagemill.core.io.MxNdArrays.NdArray;
import dev.sagemill.core.io.TarGz;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The {@code model_algo-1} of a SageMaker Factorization Machines job: a ZIP archive (inside the job's
 * {@code model.tar.gz}) of an MXNet module, {@code symbol.json} (the graph) and {@code params} (an NDArray dict:
 * {@code arg:w0_weight} of shape (1), {@code arg:w1_weight} of shape (feature_dim, 1) and {@code arg:v} of shape
 * (feature_dim, num_factors)). The predictor type is read from the graph's output operator
 * ({@code LogisticRegressionOutput} for binary classifiers, {@code LinearRegressionOutput} for regressors).
 *
 * <p>{@link Writer} exports a model in this layout: {@code params} as MXNet saves it (what users' extraction scripts,
 * {@code mx.nd.load('params')}, read) and a {@code symbol.json} naming the inputs and output operator. Stateless.
 */
final class SageMakerFmArtifact {
  /** The artifact's name in the model folder and in {@code model.tar.gz}. */
  static final String FILE_NAME = "model_algo-1";
  private static final String PARAMS = "params";
  private static final String SYMBOL = "symbol.json";
  /** The most bytes one ZIP entry may expand to before it is refused (a bomb, or another file). */
  private static final long MAX_ENTRY_BYTES = Runtime.getRuntime().maxMemory() / 4;

  private SageMakerFmArtifact() {}

  /** The artifact's ZIP entries by name ({@code params}, {@code symbol.json}); others are skipped. */
  private static Map<String, byte[]> entries(byte[] zip, String name) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String entry = e.getName();
        if (entry.equals(PARAMS) || entry.equals(SYMBOL)) {
          out.put(entry, bounded(in, name + "!" + entry));
        }
      }
    } catch (java.util.zip.ZipException e) {
      throw new CorruptModelException(name + ": not a ZIP archive of an MXNet module (" + e.getMessage() + ")");
    }
    return out;
  }

  private static byte[] bounded(InputStream in, String name) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    long total = 0;
    for (int n = in.read(buf); n > 0; n = in.read(buf)) {
      total += n;
      if (total > MAX_ENTRY_BYTES) {
        throw new CorruptModelException(name + " expands past " + MAX_ENTRY_BYTES + " bytes (a quarter of the heap)");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** The ZIP bytes of {@code model_algo-1}: the file itself, or its entry in a {@code model.tar.gz}. */
  private static Optional<byte[]> zipBytes(Path file) throws IOException {
    byte[] head = new byte[4];
    try (InputStream in = Files.newInputStream(file)) {
      if (in.readNBytes(head, 0, 4) < 4) {
        return Optional.empty();
      }
    }
    if ((head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
      return TarGz.read(file, FILE_NAME).filter(SageMakerFmArtifact::isZip);
    }
    return isZip(head) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
  }

  private static boolean isZip(byte[] b) {
    return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
  }

  /**
   * Loads a SageMaker Factorization Machines artifact.
   *
   * @param file {@code model.tar.gz} or {@code model_algo-1}
   * @return the model
   * @throws IOException if reading fails
   * @throws CorruptModelException if an array is missing or misshapen, naming it and the file
   */
  static FactorizationMachinesModel read(Path file) throws IOException {
    String name = file.toString();
    byte[] zip = zipBytes(file).orElseThrow(() -> new CorruptModelException(name
        + ": neither a model.tar.gz holding model_algo-1 nor a model_algo-1 ZIP archive"));
    Map<String, byte[]> e = entries(zip, name);
    if (!e.containsKey(PARAMS)) {
      throw new CorruptModelException(name + ": the archive holds no params entry");
    }
    Map<String, NdArray> a = MxNdArrays.read(e.get(PARAMS), name + "!" + PARAMS);
    NdArray w0 = array(a, "w0_weight", name);
    NdArray w1 = array(a, "w1_weight", name);
    NdArray v = array(a, "v", name);
    if (w0.values().length != 1) {
      throw new CorruptModelException(name + ": w0_weight holds " + w0.values().length + " values, expected 1");
    }
    if (v.shape().length != 2 || w1.values().length != v.rows() || v.rows() == 0 || v.cols() == 0) {
      throw new CorruptModelException(name + ": v has shape " + java.util.Arrays.toString(v.shape())
          + " and w1_weight " + w1.values().length + " values; expected (feature_dim, num_factors) and feature_dim");
    }
    String symbol = e.containsKey(SYMBOL) ? new String(e.get(SYMBOL), StandardCharsets.UTF_8) : "";
    PredictorType type;
    if (symbol.contains("LogisticRegressionOutput")) {
      type = PredictorType.BINARY_CLASSIFIER;
    } else if (symbol.contains("LinearRegressionOutput")) {
      type = PredictorType.REGRESSOR;
    } else {
      throw new CorruptModelException(name + ": " + (symbol.isEmpty() ? "no symbol.json entry"
          : "symbol.json names neither LogisticRegressionOutput nor LinearRegressionOutput")
          + ", so the predictor type is unknown");
    }
    int d = v.rows();
    float[] w = new float[d];
    for (int i = 0; i < d; i++) {
      w[i] = (float) w1.values()[i];
    }
    float[] f = new float[v.values().length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) v.values()[i];
    }
    Map<String, String> hp = new LinkedHashMap<>();
    hp.put("feature_dim", Integer.toString(d));
    hp.put("num_factors", Integer.toString(v.cols()));
    hp.put("predictor_type", type.value());
    ModelCard card = new ModelCard(FactorizationMachinesParams.ALGORITHM, hp, Map.of(), SagemillVersion.get());
    return new FactorizationMachinesModel(type, (float) w0.values()[0], w, f, Schema.of(d, 1), card);
  }

  private static NdArray array(Map<String, NdArray> a, String name, String file) throws CorruptModelException {
    NdArray x = a.containsKey("arg:" + name) ? a.get("arg:" + name) : a.get(name);
    if (x == null) {
      throw new CorruptModelException(file + ": params holds no " + name + " (arrays: " + a.keySet() + ")");
    }
    return x;
  }

  /**
   * The artifact's bytes for a model.
   *
   * @param m the model
   * @return the ZIP archive
   * @throws IOException on failure
   */
  static byte[] write(FactorizationMachinesModel m) throws IOException {
    int d = m.schema().featureDim();
    int k = m.numFactors();
    Map<String, NdArray> arrays = new LinkedHashMap<>();
    arrays.put("arg:w0_weight", new NdArray(new long[] {1}, new double[] {m.bias()}));
    double[] w = new double[d];
    float[] lw = m.linearView();
    for (int i = 0; i < d; i++) {
      w[i] = lw[i];
    }
    arrays.put("arg:w1_weight", new NdArray(new long[] {d, 1}, w));
    float[] fv = m.factorsView();
    double[] v = new double[fv.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = fv[i];
    }
    arrays.put("arg:v", new NdArray(new long[] {d, k}, v));
    String output = m.predictorType() == PredictorType.BINARY_CLASSIFIER ? "LogisticRegressionOutput"
        : "LinearRegressionOutput";
    String symbol = "{\"nodes\": [{\"op\": \"null\", \"name\": \"data\", \"inputs\": []}, {\"op\": \"null\", "
        + "\"name\": \"w0_weight\", \"inputs\": []}, {\"op\": \"null\", \"name\": \"w1_weight\", \"inputs\": []}, "
        + "{\"op\": \"null\", \"name\": \"v\", \"inputs\": []}, {\"op\": \"null\", \"name\": \"out_label\", "
        + "\"inputs\": []}, {\"op\": \"" + output + "\", \"name\": \"out\", \"inputs\": [[0, 0, 0], [4, 0, 0]]}], "
        + "\"arg_nodes\": [0, 1, 2, 3, 4], \"heads\": [[5, 0, 0]], \"attrs\": {\"sagemill\": \""
        + SagemillVersion.get() + "\"}}";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(SYMBOL));
      zip.write(symbol.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(PARAMS));
      zip.write(MxNdArrays.write(arrays));
      zip.closeEntry();
    }
    return out.toByteArray();
  }

  /** Reads the artifact for {@code predict} and {@code serve}. */
  static final class Reader implements ArtifactReader {
    @Override
    public List<String> fileNames() {
      return List.of(FILE_NAME);
    }

    @Override
    public boolean accepts(Path file, byte[] head) throws IOException {
      boolean gzip = head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
      if (!gzip && !isZip(head)) {
        return false;
      }
      try {
        Optional<byte[]> zip = zipBytes(file);
        return zip.isPresent() && entries(zip.get(), file.toString()).containsKey(PARAMS);
      } catch (CorruptModelException e) {
        return false;
      }
    }

    @Override
    public Model read(Path file) throws IOException {
      return SageMakerFmArtifact.read(file);
    }
  }

  /** Writes {@code model_algo-1} beside sagemill's model file after {@code train}. */
  static final class Writer implements ArtifactWriter {
    @Override
    public String fileName() {
      return FILE_NAME;
    }

    @Override
    public boolean writes(Model model) {
      return model instanceof FactorizationMachinesModel;
    }

    @Override
    public void write(Model model, OutputStream out) throws IOException {
      out.write(SageMakerFmArtifact.write((FactorizationMachinesModel) model));
    }
  }
}
