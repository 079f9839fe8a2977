package dev.sagemill.spark;

import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.Prediction;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Answers one partition's rows: every input column, then the answer columns. Rows go to the model in batches of
 * {@value #BATCH} (the algorithms' vectorised path), and come out lazily in their order.
 */
final class PredictPartition implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private static final int BATCH = 1024;

  private final Broadcast<byte[]> model;
  private final int featuresIndex;
  private final SparkRows reader;
  private final AnswerColumns answers;

  PredictPartition(Broadcast<byte[]> model, int featuresIndex, SparkRows reader, AnswerColumns answers) {
    this.model = model;
    this.featuresIndex = featuresIndex;
    this.reader = reader;
    this.answers = answers;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    Model m = ExecutorModels.get(model);
    int partition = TaskContext.getPartitionId();
    return new Iterator<>() {
      private final List<Row> in = new ArrayList<>(BATCH);
      private List<Prediction> out = List.of();
      private int next;
      private long position;

      @Override
      public boolean hasNext() {
        if (next < out.size()) {
          return true;
        }
        if (!input.hasNext()) {
          return false;
        }
        in.clear();
        RowBatch.Builder b = null;
        while (in.size() < BATCH && input.hasNext()) {
          Row row = input.next();
          position++;
          Vector v = reader.vector(row.get(featuresIndex), partition, position);
          if (b == null) {
            b = RowBatch.builder(reader.featureDim(), 0, reader.storeSparse(v))
                .origin(SparkRows.origin(partition), position);
          }
          reader.add(b, row, v, partition, position);
          in.add(row);
        }
        out = m.predict(b.build());
        next = 0;
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row row = in.get(next);
        Object[] values = new Object[row.length() + answers.names().size()];
        for (int i = 0; i < row.length(); i++) {
          values[i] = row.get(i);
        }
        answers.fill(out.get(next++), values, row.length());
        return RowFactory.create(values);
      }
    };
  }
}
