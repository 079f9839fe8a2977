package dev.sagemill.cli;

import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.estimator.AnswerFormat;
import dev.sagemill.core.estimator.AnswerRequest;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.io.ArtifactReader;
import dev.sagemill.core.io.CorruptModelException;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.answer.StandardAnswers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and loads the model that {@code predict} and {@code serve} use: a sagemill model file, or an artifact that
 * another system wrote and that some algorithm's {@link ArtifactReader} reads (what a SageMaker training job
 * leaves, unpacked or inside its {@code model.tar.gz}). Files are told apart by content, not by name. Also applies a request's answer options
 * and picks the algorithm's answer format, both through its {@link AlgorithmProvider}. Stateless.
 */
final class ModelFiles {
  /** The archive a SageMaker training job writes its model folder into. */
  static final String MODEL_TAR = "model.tar.gz";

  private ModelFiles() {}

  /**
   * Applies SageMaker's selectable inference outputs and an Accept type's parameters: the given keys, else those of
   * the {@code SAGEMAKER_INFERENCE_OUTPUT} environment variable, else the model's default answer.
   *
   * @param model the model
   * @param keys output names, or null
   * @param accept the Accept type with its parameters, or null
   * @return the model answering those outputs
   * @throws IllegalArgumentException if the model's algorithm does not answer what is asked
   */
  static Model answering(Model model, List<String> keys, ContentType accept) {
    List<String> ks = keys;
    if (ks == null || ks.isEmpty()) {
      String env = System.getenv("SAGEMAKER_INFERENCE_OUTPUT");
      ks = env == null || env.isBlank() ? List.of() : Arrays.stream(env.split(",")).map(String::trim).toList();
    }
    AnswerRequest request = new AnswerRequest(ks, accept == null ? java.util.Map.of() : accept.parameters());
    if (request.equals(AnswerRequest.DEFAULT)) {
      return model;
    }
    try {
      return provider(model).answering(model, request);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException((accept == null ? "" : "Accept " + accept + ": ") + e.getMessage(), e);
    }
  }

  /**
   * @param model a model
   * @return how its algorithm writes answers
   */
  static AnswerFormat answerFormat(Model model) {
    Optional<AlgorithmProvider> provider = Algorithms.find(model.algorithm());
    return provider.flatMap(AlgorithmProvider::answerFormat).orElse(StandardAnswers.withJsonField(
        provider.map(AlgorithmProvider::jsonAnswerField).orElse("predictions")));
  }

  private static AlgorithmProvider provider(Model model) {
    return Algorithms.find(model.algorithm()).orElseThrow(() -> new IllegalStateException("the model's algorithm "
        + model.algorithm() + " is not on the class path; known algorithms: " + Algorithms.names()));
  }

  private static List<ArtifactReader> readers() {
    List<ArtifactReader> readers = new ArrayList<>();
    Algorithms.providers().forEach(p -> readers.addAll(p.artifactReaders()));
    return readers;
  }

  /**
   * @param dirOrFile a model folder (holding {@code model.sagemill}, an artifact some algorithm reads, or
   *     {@code model.tar.gz}) or a model file
   * @return the model
   * @throws IOException if nothing loadable is there, naming what was looked for
   */
  static Model load(Path dirOrFile) throws IOException {
    List<ArtifactReader> readers = readers();
    Path file = dirOrFile;
    if (Files.isDirectory(dirOrFile)) {
      Set<String> names = new LinkedHashSet<>();
      names.add(TrainCommand.MODEL_FILE);
      readers.forEach(r -> names.addAll(r.fileNames()));
      names.add(MODEL_TAR);
      file = names.stream().map(dirOrFile::resolve).filter(Files::exists).findFirst()
          .orElseThrow(() -> new NoSuchFileException(dirOrFile + " holds none of " + String.join(", ", names)));
    }
    byte[] head = new byte[8];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(head, 0, 8);
    }
    head = Arrays.copyOf(head, read);
    if (read >= 2 && head[0] == 'P' && head[1] == 'K') {
      try {
        return ModelIO.load(file);
      } catch (dev.sagemill.core.io.ModelFormatException notOurs) {
        // Another ZIP: SageMaker's Factorization Machines artifact is one. An artifact reader may take it.
        for (ArtifactReader r : readers) {
          if (r.accepts(file, head)) {
            return r.read(file);
          }
        }
        throw notOurs;
      }
    }
    for (ArtifactReader r : readers) {
      if (r.accepts(file, head)) {
        return r.read(file);
      }
    }
    Set<String> known = new LinkedHashSet<>();
    readers.forEach(r -> known.addAll(r.fileNames()));
    throw new CorruptModelException(file + " is neither a sagemill model file nor an artifact the algorithms on the "
        + "class path read (" + String.join(", ", known) + ")");
  }
}
