package dev.sagemill.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.Prediction;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The output columns of a model's answers: one per answer field, in the algorithm's order, named as SageMaker names
 * the field ({@code score}, {@code predicted_label}, {@code closest_cluster}, {@code projection}) after the stage's
 * prefix. A number is a {@code double} column (a whole number that the algorithm gives as a long, a {@code long}
 * column), a vector is a Spark ML {@code Vector}, a string a {@code string}, and a nested list or map its JSON
 * text. The fields and their kinds come from the model's answer to an all-zero row, since an algorithm answers every
 * row with the same fields. Immutable and serializable.
 *
 * @param names the answer fields' names, in order
 * @param kinds each field's kind
 * @param prefix the column-name prefix
 */
record AnswerColumns(List<String> names, List<Kind> kinds, String prefix) implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What an answer field holds. */
  enum Kind {
    DOUBLE(DataTypes.DoubleType), LONG(DataTypes.LongType), VECTOR(SQLDataTypes.VectorType()),
    STRING(DataTypes.StringType), JSON(DataTypes.StringType);

    private final transient DataType type;

    Kind(DataType type) {
      this.type = type;
    }
  }

  /**
   * @param model a model that answers feature rows
   * @param prefix the column-name prefix
   * @return its answer columns
   */
  static AnswerColumns of(Model model, String prefix) {
    Prediction p = model.predict(FeatureVector.sparse(model.schema().featureDim(), new int[0], new float[0]));
    List<String> names = new ArrayList<>(p.names());
    List<Kind> kinds = new ArrayList<>();
    Map<String, Object> values = p.asMap();
    for (String n : names) {
      Object v = values.get(n);
      kinds.add(v instanceof Long || v instanceof Integer ? Kind.LONG : v instanceof Number ? Kind.DOUBLE
          : v instanceof double[] ? Kind.VECTOR : v instanceof String ? Kind.STRING : Kind.JSON);
    }
    return new AnswerColumns(List.copyOf(names), List.copyOf(kinds), prefix);
  }

  /**
   * @param input the input schema
   * @return it with the answer columns appended
   * @throws IllegalArgumentException if an answer column's name is taken
   */
  StructType appendTo(StructType input) {
    StructType out = input;
    for (int i = 0; i < names.size(); i++) {
      String column = prefix + names.get(i);
      if (List.of(input.fieldNames()).contains(column)) {
        throw new IllegalArgumentException("the output column '" + column + "' already exists in the input "
            + "columns " + List.of(input.fieldNames()) + "; set outputPrefix to name the answer columns apart");
      }
      out = out.add(new StructField(column, kinds.get(i).type, false, org.apache.spark.sql.types.Metadata.empty()));
    }
    return out;
  }

  /**
   * Writes one answer's values into {@code out} from position {@code at}.
   *
   * @param p the answer
   * @param out the output row's values
   * @param at where the answer columns start
   */
  void fill(Prediction p, Object[] out, int at) {
    Map<String, Object> values = p.asMap();
    for (int i = 0; i < names.size(); i++) {
      Object v = values.get(names.get(i));
      out[at + i] = switch (kinds.get(i)) {
        case DOUBLE -> ((Number) v).doubleValue();
        case LONG -> ((Number) v).longValue();
        case VECTOR -> Vectors.dense((double[]) v);
        case STRING -> v;
        case JSON -> json(v);
      };
    }
  }

  private static String json(Object v) {
    try {
      return JSON.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
