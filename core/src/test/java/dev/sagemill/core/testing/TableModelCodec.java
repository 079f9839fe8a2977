package dev.sagemill.core.testing;

import dev.sagemill.core.io.ModelCodec;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import java.io.IOException;

/** Codec of {@link TableModel}: format {@code sagemill.table}, version 1, one float32 entry. */
public final class TableModelCodec implements ModelCodec<TableModel> {
  @Override
  public String formatName() {
    return "sagemill.table";
  }

  @Override
  public int currentVersion() {
    return 1;
  }

  @Override
  public int minReadableVersion() {
    return 1;
  }

  @Override
  public Class<TableModel> modelType() {
    return TableModel.class;
  }

  @Override
  public void write(TableModel model, ModelWriter out) {
    out.putFloats("table", model.table());
  }

  @Override
  public TableModel read(ModelReader in, int version) throws IOException {
    return new TableModel(in.floats("table"));
  }
}
