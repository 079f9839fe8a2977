package dev.sagemill.core.testing;

import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import java.util.ArrayList;
import java.util.List;

/** Rows cut into shards for sharded-fit tests, as an engine that keeps partitions in order cuts them. */
public final class RowShards {
  private RowShards() {}

  /**
   * @param rows the rows
   * @param shards how many shards
   * @return contiguous, nearly equal runs of rows: shard i holds rows {@code [i n / shards, (i + 1) n / shards)}
   */
  public static List<InMemoryDataset> contiguous(RowBatch rows, int shards) {
    List<InMemoryDataset> out = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      out.add(InMemoryDataset.of(rows.slice(rows.rows() * i / shards, rows.rows() * (i + 1) / shards)));
    }
    return out;
  }
}
