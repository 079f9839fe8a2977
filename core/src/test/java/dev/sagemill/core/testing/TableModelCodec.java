package dev.sagemill.core.testing;

import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.io.VersionedCodec;
import java.io.IOException;

/** Codec of {@link TableModel}: format {@code sagemill.table}, version 1, one float32 entry. */
public final class TableModelCodec extends VersionedCodec<TableModel> {
  /** The codec of {@link TableModel}. */
  public TableModelCodec() {
    super("sagemill.table", 1, 1, TableModel.class);
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
