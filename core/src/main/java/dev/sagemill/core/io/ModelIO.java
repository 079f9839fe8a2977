package dev.sagemill.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.ModelCard;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Saves and loads models in sagemill's model container.
 *
 * <h2>Container format, version 1</h2>
 * A ZIP file whose first entry is {@code manifest.json}, a UTF-8 JSON object with sorted keys:
 * <pre>{@code
 * {
 *   "container": "sagemill-model", "container_version": 1,
 *   "format": "sagemill.linear-learner", "format_version": 1,      // the codec and its version
 *   "algorithm": "linear-learner", "library_version": "0.1.0",
 *   "hyperparameters": {"epochs": "15", ...},                      // SageMaker names, string values
 *   "metrics": {"validation:roc_auc_score": 0.83, ...},
 *   "schema": {"feature_dim": 28, "label_dim": 1, "feature_names": [...], "categorical": [...]},
 *   "entries": {"weights": {"dtype": "float32", "length": 28, "bytes": 112, "sha256": "..."}, ...}
 * }
 * }</pre>
 * Every other entry is listed in {@code entries}: {@code float32}, {@code float64} and {@code int32} arrays are
 * raw little-endian values; {@code json} entries are UTF-8 JSON. Entries are stored in name order with a fixed
 * timestamp, and nothing time- or machine-dependent is written, so the same model always gives the same bytes.
 *
 * <p>Loading checks, in order: the ZIP signature (else "not a sagemill model"), the manifest, the container and
 * format versions against the supported range ({@link ModelFormatTooOldException},
 * {@link ModelFormatTooNewException}), that every entry is declared, within {@link #MAX_ENTRY_BYTES} and of its
 * declared size, and its SHA-256 ({@link CorruptModelException}). Memory is only allocated for declared, bounded
 * sizes, so a hostile file cannot make the loader allocate without limit. Files are written through
 * {@link AtomicFiles}, so a crash never leaves a half-written model.
 *
 * <p>Thread-safe.
 */
public final class ModelIO {
  /** The manifest entry name. */
  public static final String MANIFEST = "manifest.json";
  /** The container name in the manifest. */
  public static final String CONTAINER = "sagemill-model";
  /** The container version this library writes and the highest it reads. */
  public static final int CONTAINER_VERSION = 1;
  /** The largest entry a model file may hold (1 GiB). */
  public static final long MAX_ENTRY_BYTES = 1L << 30;
  /** The largest manifest a model file may hold (16 MiB). */
  public static final int MAX_MANIFEST_BYTES = 16 << 20;
  /** The most entries a model file may hold. */
  public static final int MAX_ENTRIES = 100_000;

  static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final LocalDateTime FIXED_TIME = LocalDateTime.of(2020, 1, 1, 0, 0);

  private ModelIO() {}

  private static final class Codecs {
    static final List<ModelCodec<?>> ALL = load();

    private static List<ModelCodec<?>> load() {
      List<ModelCodec<?>> list = new ArrayList<>();
      for (ModelCodec<?> c : ServiceLoader.load(ModelCodec.class, ModelIO.class.getClassLoader())) {
        list.add(c);
      }
      return List.copyOf(list);
    }
  }

  @SuppressWarnings("unchecked")
  private static <M extends Model> ModelCodec<M> codecFor(M model) {
    for (ModelCodec<?> c : Codecs.ALL) {
      if (c.modelType().equals(model.getClass())) {
        return (ModelCodec<M>) c;
      }
    }
    throw new IllegalArgumentException("no ModelCodec registered for " + model.getClass().getName());
  }

  private static ModelCodec<?> codecNamed(String format, String file) throws ModelFormatException {
    for (ModelCodec<?> c : Codecs.ALL) {
      if (c.formatName().equals(format)) {
        return c;
      }
    }
    List<String> known = Codecs.ALL.stream().map(ModelCodec::formatName).sorted().toList();
    throw new ModelFormatException(file + ": model format \"" + format + "\" is not on the class path (known: "
        + known + "); add the module of that algorithm");
  }

  static String json(JsonNode node) {
    try {
      // Round-trip through a tree of sorted maps so ObjectNode key order never depends on insertion order.
      Object sorted = MAPPER.treeToValue(node, Object.class);
      return MAPPER.writeValueAsString(sorted);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Serialises a model to bytes.
   *
   * @param model the model
   * @return the container bytes
   * @throws IOException if the codec fails
   */
  public static byte[] toBytes(Model model) throws IOException {
    ModelCodec<Model> codec = codecFor(model);
    ModelWriter w = new ModelWriter();
    codec.write(model, w);
    return pack(codec.formatName(), codec.currentVersion(), model.card(), model.schema(), w);
  }

  /** Builds the container: manifest first, then the entries, deterministically. */
  static byte[] pack(String format, int version, ModelCard card, Schema schema, ModelWriter w) throws IOException {
    ObjectNode manifest = MAPPER.createObjectNode();
    manifest.put("container", CONTAINER);
    manifest.put("container_version", CONTAINER_VERSION);
    manifest.put("format", format);
    manifest.put("format_version", version);
    manifest.put("algorithm", card.algorithm());
    manifest.put("library_version", card.libraryVersion());
    ObjectNode hp = manifest.putObject("hyperparameters");
    card.hyperparameters().forEach(hp::put);
    ObjectNode metrics = manifest.putObject("metrics");
    card.metrics().forEach((k, v) -> {
      if (Double.isFinite(v)) {
        metrics.put(k, v);
      } else {
        metrics.put(k, Double.toString(v));
      }
    });
    manifest.set("schema", schemaJson(schema));
    ObjectNode entries = manifest.putObject("entries");
    for (Map.Entry<String, ModelWriter.Entry> e : w.entries().entrySet()) {
      ObjectNode d = entries.putObject(e.getKey());
      d.put("dtype", e.getValue().dtype());
      d.put("length", e.getValue().length());
      d.put("bytes", e.getValue().bytes().length);
      d.put("sha256", sha256(e.getValue().bytes()));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      putEntry(zip, MANIFEST, json(manifest).getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<String, ModelWriter.Entry> e : w.entries().entrySet()) {
        putEntry(zip, e.getKey(), e.getValue().bytes());
      }
    }
    return bytes.toByteArray();
  }

  private static void putEntry(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTimeLocal(FIXED_TIME); // local DOS time, no zone conversion: identical bytes in every time zone
    zip.putNextEntry(entry);
    zip.write(data);
    zip.closeEntry();
  }

  private static ObjectNode schemaJson(Schema schema) {
    ObjectNode s = MAPPER.createObjectNode();
    s.put("feature_dim", schema.featureDim());
    s.put("label_dim", schema.labelDim());
    schema.featureNames().ifPresent(names -> {
      ArrayNode a = s.putArray("feature_names");
      names.forEach(a::add);
    });
    ArrayNode c = s.putArray("categorical");
    for (int i : schema.categoricalFeatures()) {
      c.add(i);
    }
    return s;
  }

  /**
   * Saves a model atomically.
   *
   * @param model the model
   * @param file the target file (its folder is created if needed)
   * @throws IOException on failure; the target is then unchanged
   */
  public static void save(Model model, Path file) throws IOException {
    byte[] bytes = toBytes(model);
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  /**
   * Loads a model.
   *
   * @param file the model file
   * @return the model
   * @throws ModelFormatException if the file is not a sagemill model, is corrupt, or has an unsupported version
   * @throws IOException if reading fails
   */
  public static Model load(Path file) throws IOException {
    long size = Files.size(file);
    if (size > Integer.MAX_VALUE - 16) {
      throw new ModelFormatException(file + ": " + size + " bytes is larger than the 2 GiB a model file may hold");
    }
    return fromBytes(Files.readAllBytes(file), file.toString());
  }

  /**
   * Loads a model of an expected type.
   *
   * @param file the model file
   * @param type the expected model class
   * @param <M> the model type
   * @return the model
   * @throws IOException if loading fails or the model is of another type
   */
  public static <M extends Model> M load(Path file, Class<M> type) throws IOException {
    Model m = load(file);
    if (!type.isInstance(m)) {
      throw new ModelFormatException(file + ": holds a " + m.algorithm() + " model, not a " + type.getSimpleName());
    }
    return type.cast(m);
  }

  /**
   * Loads a model from bytes.
   *
   * @param bytes the container bytes
   * @param name a name for error messages
   * @return the model
   * @throws IOException if loading fails
   */
  public static Model fromBytes(byte[] bytes, String name) throws IOException {
    Opened o = open(bytes, name, (format, file) -> {
      ModelCodec<?> codec = codecNamed(format, file);
      return new int[] {codec.minReadableVersion(), codec.currentVersion()};
    });
    return codecNamed(o.format(), name).read(o.reader(), o.version());
  }

  /** Which versions of a format the caller reads. */
  @FunctionalInterface
  interface FormatCheck {
    /**
     * @param format the manifest's format name
     * @param file the file name for messages
     * @return {oldest, newest} readable version
     * @throws ModelFormatException if the format is not the one expected
     */
    int[] readableVersions(String format, String file) throws ModelFormatException;
  }

  /** A verified container: its format, version and entries. */
  record Opened(String format, int version, ModelReader reader) {}

  /** Checks and unpacks a container: signature, manifest, versions, declared sizes, checksums. */
  static Opened open(byte[] bytes, String name, FormatCheck check) throws IOException {
    if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'K' || bytes[2] != 3 || bytes[3] != 4) {
      String hint = bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b
          ? " (it is gzip data: a SageMaker model.tar.gz must be unpacked, and SageMaker's own artifacts are"
            + " not sagemill models)" : "";
      throw new ModelFormatException(name + ": not a sagemill model file: it does not start with the ZIP signature"
          + " PK\\3\\4" + hint);
    }
    if (!hasEndOfCentralDirectory(bytes)) {
      throw new CorruptModelException(name + ": truncated: the ZIP end-of-central-directory record is missing");
    }
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry first = zip.getNextEntry();
      if (first == null || !first.getName().equals(MANIFEST)) {
        throw new ModelFormatException(name + ": not a sagemill model file: the first ZIP entry is "
            + (first == null ? "missing" : "\"" + first.getName() + "\"") + ", expected " + MANIFEST);
      }
      JsonNode manifest;
      try {
        manifest = MAPPER.readTree(readBounded(zip, MAX_MANIFEST_BYTES, name, MANIFEST));
      } catch (JsonProcessingException e) {
        throw new CorruptModelException(name + ": " + MANIFEST + " is not valid JSON: " + e.getOriginalMessage(), e);
      }
      if (!CONTAINER.equals(text(manifest, "container", name))) {
        throw new ModelFormatException(name + ": not a sagemill model file: container is \""
            + manifest.path("container").asText() + "\", expected \"" + CONTAINER + "\"");
      }
      int containerVersion = integer(manifest, "container_version", name);
      checkVersion(name, "container", containerVersion, 1, CONTAINER_VERSION);
      String format = text(manifest, "format", name);
      int[] readable = check.readableVersions(format, name);
      int version = integer(manifest, "format_version", name);
      checkVersion(name, "format " + format, version, readable[0], readable[1]);

      JsonNode declared = manifest.path("entries");
      if (!declared.isObject() || declared.size() > MAX_ENTRIES) {
        throw new CorruptModelException(name + ": manifest entries must be an object of at most " + MAX_ENTRIES
            + " entries");
      }
      Map<String, ModelWriter.Entry> entries = new TreeMap<>();
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        JsonNode d = declared.get(e.getName());
        if (d == null) {
          throw new CorruptModelException(name + ": entry " + e.getName() + " is not declared in the manifest");
        }
        long declaredBytes = d.path("bytes").asLong(-1);
        if (declaredBytes < 0 || declaredBytes > MAX_ENTRY_BYTES) {
          throw new CorruptModelException(name + ": entry " + e.getName() + " declares " + declaredBytes
              + " bytes; allowed 0.." + MAX_ENTRY_BYTES);
        }
        byte[] data = readBounded(zip, declaredBytes, name, e.getName());
        if (data.length != declaredBytes) {
          throw new CorruptModelException(name + ": entry " + e.getName() + " has " + data.length
              + " bytes, the manifest declares " + declaredBytes + " (truncated file?)");
        }
        String sha = sha256(data);
        if (!sha.equals(d.path("sha256").asText())) {
          throw new CorruptModelException(name + ": entry " + e.getName() + " fails its SHA-256 check (expected "
              + d.path("sha256").asText() + ", got " + sha + ")");
        }
        String dtype = d.path("dtype").asText();
        long length = d.path("length").asLong(-1);
        long width = switch (dtype) {
          case "float32", "int32" -> 4;
          case "float64" -> 8;
          case "json" -> 1;
          default -> throw new CorruptModelException(name + ": entry " + e.getName() + " has unknown dtype \""
              + dtype + "\"");
        };
        if (length < 0 || length * width != data.length) {
          throw new CorruptModelException(name + ": entry " + e.getName() + " declares " + length + " " + dtype
              + " values but holds " + data.length + " bytes");
        }
        entries.put(e.getName(), new ModelWriter.Entry(dtype, length, data));
      }
      for (Iterator<String> it = declared.fieldNames(); it.hasNext(); ) {
        String n = it.next();
        if (!entries.containsKey(n)) {
          throw new CorruptModelException(name + ": entry " + n + " is declared but missing (truncated file?)");
        }
      }
      ModelCard card = new ModelCard(text(manifest, "algorithm", name), stringMap(manifest.path("hyperparameters")),
          doubleMap(manifest.path("metrics")), text(manifest, "library_version", name));
      Schema schema = schema(manifest.path("schema"), name);
      return new Opened(format, version, new ModelReader(name, entries, card, schema));
    } catch (ZipException | java.io.EOFException e) {
      throw new CorruptModelException(name + ": damaged ZIP container (truncated or altered): " + e.getMessage(), e);
    }
  }

  /** A complete ZIP ends with this record (signature PK\5\6), followed by at most a 64 KiB comment. */
  private static boolean hasEndOfCentralDirectory(byte[] b) {
    int lowest = Math.max(0, b.length - 22 - 0xFFFF);
    for (int i = b.length - 22; i >= lowest; i--) {
      if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6) {
        return true;
      }
    }
    return false;
  }

  private static void checkVersion(String name, String what, int version, int min, int max)
      throws ModelFormatException {
    if (version < min) {
      throw new ModelFormatTooOldException(name + ": " + what + " version " + version + " is too old; this sagemill ("
          + SagemillVersion.get() + ") reads versions " + min + " to " + max);
    }
    if (version > max) {
      throw new ModelFormatTooNewException(name + ": " + what + " version " + version + " is newer than this sagemill ("
          + SagemillVersion.get() + ") reads (versions " + min + " to " + max + "); upgrade sagemill");
    }
  }

  private static byte[] readBounded(InputStream in, long max, String file, String entry) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(max, 1 << 20));
    byte[] buf = new byte[8192];
    long total = 0;
    for (int n = in.read(buf); n > 0; n = in.read(buf)) {
      total += n;
      if (total > max) {
        throw new CorruptModelException(file + ": entry " + entry + " is larger than its declared or allowed "
            + max + " bytes");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static String text(JsonNode m, String field, String file) throws CorruptModelException {
    JsonNode n = m.get(field);
    if (n == null || !n.isTextual()) {
      throw new CorruptModelException(file + ": manifest field " + field + " is missing or not a string");
    }
    return n.asText();
  }

  private static int integer(JsonNode m, String field, String file) throws CorruptModelException {
    JsonNode n = m.get(field);
    if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
      throw new CorruptModelException(file + ": manifest field " + field + " is missing or not an integer");
    }
    return n.asInt();
  }

  private static Map<String, String> stringMap(JsonNode n) {
    Map<String, String> m = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      m.put(e.getKey(), e.getValue().asText());
    }
    return m;
  }

  private static Map<String, Double> doubleMap(JsonNode n) {
    Map<String, Double> m = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      m.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.parseDouble(e.getValue().asText()));
    }
    return m;
  }

  private static Schema schema(JsonNode s, String file) throws CorruptModelException {
    if (!s.path("feature_dim").canConvertToInt() || !s.path("label_dim").canConvertToInt()) {
      throw new CorruptModelException(file + ": manifest schema lacks feature_dim/label_dim");
    }
    Schema schema = Schema.of(s.path("feature_dim").asInt(), s.path("label_dim").asInt());
    if (s.has("feature_names")) {
      List<String> names = new ArrayList<>();
      s.get("feature_names").forEach(x -> names.add(x.asText()));
      schema = schema.withFeatureNames(names);
    }
    int[] cat = new int[s.path("categorical").size()];
    for (int i = 0; i < cat.length; i++) {
      cat[i] = s.path("categorical").get(i).asInt();
    }
    return schema.withCategorical(cat);
  }

  /**
   * Reads the card of a model file without building the model.
   *
   * @param file the model file
   * @return the card
   * @throws IOException if the file is not a valid model
   */
  public static ModelCard inspect(Path file) throws IOException {
    return load(file).card();
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JRE", e);
    }
  }
}
