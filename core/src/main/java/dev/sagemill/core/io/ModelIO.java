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
import java.io.OutputStream;
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
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Saves and loads models in sagemill's model container.
 *
 * <h2>Container format, versions 1 and 2</h2>
 * A ZIP file whose first entry is {@code manifest.json}, a UTF-8 JSON object with sorted keys:
 * <pre>{@code
 * {
 *   "container": "sagemill-model", "container_version": 1,
 *   "format": "sagemill.linear-learner", "format_version": 1,      // the codec and its version
 *   "algorithm": "linear-learner", "library_version": "0.1.0",
 *   "hyperparameters": {"epochs": "15", ...},                      // SageMaker names, string values
 *   "metrics": {"validation:roc_auc_score": 0.83, ...},
 *   "schema": {"feature_dim": 28, "label_dim": 1, "feature_names": [...], "categorical": [...],
 *              "index_base": 1},                                  // only when trained on libsvm
 *   "entries": {"weights": {"dtype": "float32", "length": 28, "bytes": 112, "sha256": "..."}, ...}
 * }
 * }</pre>
 * Every other entry is listed in {@code entries}: {@code float32}, {@code float64} and {@code int32} arrays are
 * raw little-endian values; {@code json} entries are UTF-8 JSON; {@code bytes} entries (version 2) are raw bytes,
 * such as a foreign model file carried inside. Entries under {@link #STORE_MIN_BYTES} are deflated, larger ones
 * stored, and entries are written in name order with a fixed timestamp; nothing time- or machine-dependent is
 * written, so the same model always gives the same bytes. A file is written as version 1 unless it needs
 * version 2 (a {@code bytes} entry, or an entry over version 1's 1 GiB limit), so older readers refuse only the
 * files they cannot read, saying so.
 *
 * <p>Saving and loading stream: arrays go to and come from the file in chunks, checksummed on the way, so an entry
 * may be as large as a Java array (over 2 GB) with no second copy in memory.
 *
 * <p>Loading checks, in order: the ZIP signature (else "not a sagemill model"), the end record, the manifest, the
 * container and format versions against the supported range ({@link ModelFormatTooOldException},
 * {@link ModelFormatTooNewException}), that every entry is declared, of its declared size and type, within the
 * file's size (stored entries) or {@link #MAX_DEFLATED_ENTRY_BYTES} (deflated ones), and its SHA-256
 * ({@link CorruptModelException}). Memory is only allocated for declared sizes within those bounds, so a hostile
 * file cannot make the loader allocate without limit. Files are written through {@link AtomicFiles}, so a crash
 * never leaves a half-written model.
 *
 * <p>Thread-safe.
 */
public final class ModelIO {
  /** The manifest entry name. */
  public static final String MANIFEST = "manifest.json";
  /** The container name in the manifest. */
  public static final String CONTAINER = "sagemill-model";
  /** The highest container version this library writes and reads. */
  public static final int CONTAINER_VERSION = 2;
  /** The largest deflated entry a model file may hold (1 GiB; larger entries are stored, bounded by the file). */
  public static final long MAX_DEFLATED_ENTRY_BYTES = 1L << 30;
  /** Entries of at least this many bytes are stored rather than deflated. */
  public static final long STORE_MIN_BYTES = 1L << 20;
  /** The most elements an entry may hold: a Java array's limit. */
  static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
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
   * @param model a model
   * @return the format version its codec writes now
   * @throws IllegalArgumentException if no codec is registered for it
   */
  public static int formatVersion(Model model) {
    return codecFor(model).currentVersion();
  }

  /**
   * Serialises a model to bytes (for models under 2 GiB; {@link #save} streams any size to a file).
   *
   * @param model the model
   * @return the container bytes
   * @throws IOException if the codec fails
   */
  public static byte[] toBytes(Model model) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    write(model, bytes);
    return bytes.toByteArray();
  }

  /**
   * Writes a model's container to a stream (not closed).
   *
   * @param model the model
   * @param out where the bytes go
   * @throws IOException if the codec or the stream fails
   */
  public static void write(Model model, OutputStream out) throws IOException {
    ModelCodec<Model> codec = codecFor(model);
    ModelWriter w = new ModelWriter();
    codec.write(model, w);
    write(codec.formatName(), codec.currentVersion(), model.card(), model.schema(), w, out);
  }

  /** What one streaming pass over an entry measured: its size, SHA-256 and CRC-32. */
  private record Checked(long bytes, String sha256, long crc) {}

  private static Checked check(String name, ModelWriter.Entry e) throws IOException {
    MessageDigest sha = sha256();
    CRC32 crc = new CRC32();
    long[] count = {0};
    e.source().writeTo(new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        sha.update(b, off, len);
        crc.update(b, off, len);
        count[0] += len;
      }
    });
    if (count[0] != e.bytes()) {
      throw new IOException("entry " + name + " produced " + count[0] + " bytes, " + e.bytes() + " expected (did "
          + "its array or file change while saving?)");
    }
    return new Checked(count[0], HexFormat.of().formatHex(sha.digest()), crc.getValue());
  }

  /**
   * Writes a container: checksums every entry in a first pass (nothing is buffered), then the manifest and the
   * entries, deterministically.
   */
  static void write(String format, int version, ModelCard card, Schema schema, ModelWriter w, OutputStream out)
      throws IOException {
    Map<String, Checked> checked = new TreeMap<>();
    boolean needsV2 = false;
    for (Map.Entry<String, ModelWriter.Entry> e : w.entries().entrySet()) {
      checked.put(e.getKey(), check(e.getKey(), e.getValue()));
      needsV2 |= e.getValue().dtype().equals(LittleEndianArrays.BYTES)
          || e.getValue().bytes() > MAX_DEFLATED_ENTRY_BYTES;
    }
    ObjectNode manifest = MAPPER.createObjectNode();
    manifest.put("container", CONTAINER);
    manifest.put("container_version", needsV2 ? 2 : 1);
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
      d.put("bytes", e.getValue().bytes());
      d.put("sha256", checked.get(e.getKey()).sha256());
    }
    // The ZIP stream must not close the caller's stream; finish() writes the central directory.
    ZipOutputStream zip = new ZipOutputStream(new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    });
    byte[] manifestBytes = json(manifest).getBytes(StandardCharsets.UTF_8);
    putEntry(zip, MANIFEST, null);
    zip.write(manifestBytes);
    zip.closeEntry();
    for (Map.Entry<String, ModelWriter.Entry> e : w.entries().entrySet()) {
      putEntry(zip, e.getKey(), e.getValue().bytes() >= STORE_MIN_BYTES ? checked.get(e.getKey()) : null);
      e.getValue().source().writeTo(zip);
      zip.closeEntry();
    }
    zip.finish();
    out.flush();
  }

  /** Starts an entry: deflated, or stored when its size and CRC are given. */
  private static void putEntry(ZipOutputStream zip, String name, Checked stored) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTimeLocal(FIXED_TIME); // local DOS time, no zone conversion: identical bytes in every time zone
    if (stored != null) {
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(stored.bytes());
      entry.setCompressedSize(stored.bytes());
      entry.setCrc(stored.crc());
    }
    zip.putNextEntry(entry);
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
    schema.indexBase().ifPresent(base -> s.put("index_base", base));
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
    AtomicFiles.write(file, out -> write(model, out));
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
    return read(open(file, ModelIO::codecVersions));
  }

  private static int[] codecVersions(String format, String file) throws ModelFormatException {
    ModelCodec<?> codec = codecNamed(format, file);
    return new int[] {codec.minReadableVersion(), codec.currentVersion()};
  }

  private static Model read(Opened o) throws IOException {
    return codecNamed(o.format(), o.name()).read(o.reader(), o.version());
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
    checkFraming(bytes, bytes.length, tail(bytes), name);
    return read(open(new ByteArrayInputStream(bytes), bytes.length, name, ModelIO::codecVersions));
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

  /** A verified container: its file name, format, version and entries. */
  record Opened(String name, String format, int version, ModelReader reader) {}

  /** The last bytes of a ZIP that can hold its end record: 22 bytes plus a comment of up to 64 KiB. */
  private static final int TAIL = 22 + 0xFFFF;

  private static byte[] tail(byte[] bytes) {
    return java.util.Arrays.copyOfRange(bytes, Math.max(0, bytes.length - TAIL), bytes.length);
  }

  /**
   * Checks and unpacks a model file, streaming it: the signature and end record first, then the entries.
   *
   * @param file the file
   * @param check the readable versions of its format
   * @return the verified container
   * @throws IOException if reading fails or the file is not a valid container
   */
  static Opened open(Path file, FormatCheck check) throws IOException {
    String name = file.toString();
    long size = Files.size(file);
    byte[] head = new byte[4];
    byte[] tail = new byte[(int) Math.min(size, TAIL)];
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
      ch.read(java.nio.ByteBuffer.wrap(head), 0);
      ch.read(java.nio.ByteBuffer.wrap(tail), size - tail.length);
    }
    checkFraming(head, size, tail, name);
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return open(in, size, name, check);
    }
  }

  /** The ZIP signature at the start and the end-of-central-directory record (signature PK\5\6) at the end. */
  private static void checkFraming(byte[] head, long size, byte[] tail, String name) throws ModelFormatException {
    if (size < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
      String hint = size >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b
          ? " (it is gzip data: a SageMaker model.tar.gz must be unpacked, and SageMaker's own artifacts are"
            + " not sagemill models)" : "";
      throw new ModelFormatException(name + ": not a sagemill model file: it does not start with the ZIP signature"
          + " PK\\3\\4" + hint);
    }
    boolean end = false;
    for (int i = tail.length - 22; i >= 0 && !end; i--) {
      end = tail[i] == 'P' && tail[i + 1] == 'K' && tail[i + 2] == 5 && tail[i + 3] == 6;
    }
    if (!end) {
      throw new CorruptModelException(name + ": truncated: the ZIP end-of-central-directory record is missing");
    }
  }

  /** Unpacks a container whose framing was checked: manifest, versions, declared sizes, types, checksums. */
  static Opened open(InputStream in, long size, String name, FormatCheck check) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(in)) {
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
      Map<String, ModelReader.Decoded> entries = new TreeMap<>();
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        entries.put(e.getName(), readEntry(zip, e, declared.get(e.getName()), size, name));
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
      return new Opened(name, format, version, new ModelReader(name, entries, card, schema));
    } catch (ZipException | java.io.EOFException e) {
      throw new CorruptModelException(name + ": damaged ZIP container (truncated or altered): " + e.getMessage(), e);
    }
  }

  /**
   * Reads and verifies one entry against its manifest declaration, decoding arrays as their bytes stream in. What
   * is allocated is bounded before allocating: a stored entry by the file's size, a deflated one by
   * {@link #MAX_DEFLATED_ENTRY_BYTES}, any by a Java array's length.
   */
  private static ModelReader.Decoded readEntry(ZipInputStream zip, ZipEntry e, JsonNode d, long fileSize,
      String name) throws IOException {
    if (d == null) {
      throw new CorruptModelException(name + ": entry " + e.getName() + " is not declared in the manifest");
    }
    String dtype = d.path("dtype").asText();
    int width = LittleEndianArrays.width(dtype);
    if (width < 0) {
      throw new CorruptModelException(name + ": entry " + e.getName() + " has unknown dtype \"" + dtype + "\"");
    }
    long declaredBytes = d.path("bytes").asLong(-1);
    long bound = e.getMethod() == ZipEntry.STORED ? fileSize : MAX_DEFLATED_ENTRY_BYTES;
    if (declaredBytes < 0 || declaredBytes > bound) {
      throw new CorruptModelException(name + ": entry " + e.getName() + " declares " + declaredBytes + " bytes; "
          + (e.getMethod() == ZipEntry.STORED ? "the file holds " + fileSize : "a deflated entry holds at most "
          + MAX_DEFLATED_ENTRY_BYTES));
    }
    long length = d.path("length").asLong(-1);
    if (length < 0 || length * width != declaredBytes) {
      throw new CorruptModelException(name + ": entry " + e.getName() + " declares " + length + " " + dtype
          + " values but " + declaredBytes + " bytes");
    }
    if (length > MAX_ELEMENTS) {
      throw new CorruptModelException(name + ": entry " + e.getName() + " declares " + length + " values, more than"
          + " a Java array holds (" + MAX_ELEMENTS + ")");
    }
    MessageDigest sha = sha256();
    Object value;
    try {
      value = LittleEndianArrays.read(zip, dtype, (int) length, sha::update);
    } catch (LittleEndianArrays.Truncated t) {
      throw new CorruptModelException(name + ": entry " + e.getName() + " has " + t.got + " bytes, the manifest"
          + " declares " + declaredBytes + " (truncated file?)");
    }
    if (zip.read() >= 0) {
      throw new CorruptModelException(name + ": entry " + e.getName() + " is larger than the " + declaredBytes
          + " bytes the manifest declares");
    }
    String got = HexFormat.of().formatHex(sha.digest());
    if (!got.equals(d.path("sha256").asText())) {
      throw new CorruptModelException(name + ": entry " + e.getName() + " fails its SHA-256 check (expected "
          + d.path("sha256").asText() + ", got " + got + ")");
    }
    return new ModelReader.Decoded(dtype, value);
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
    schema = schema.withCategorical(cat);
    if (s.has("index_base")) {
      int base = s.get("index_base").asInt(-1);
      if (base != 0 && base != 1) {
        throw new CorruptModelException(file + ": manifest schema has index_base " + s.get("index_base")
            + ", expected 0 or 1");
      }
      schema = schema.withIndexBase(base);
    }
    return schema;
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

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JRE", e);
    }
  }
}
