package dev.sagemill.spark;

import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.distributed.ShardWorker;
import dev.sagemill.core.distributed.ShardedEstimator;
import dev.sagemill.core.distributed.Shards;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ShardedEstimator}'s rounds on Spark, one shard per partition, as XGBoost4J-Spark runs its workers:
 * the partitions (coalesced, without a shuffle, to at most the cluster's task slots, so that every shard's task runs
 * at once) are read once into cached shards, one task per shard connects back to the driver over TCP and stays up
 * for the whole fit, and every round is one message written to each task's socket and one answer read back, in
 * partition order. Rows never leave their executor; a round costs a network round trip, not a Spark job.
 *
 * <p>If a task fails, the driver drops every connection (the other tasks fail too, and Spark retries them all),
 * waits for the retried tasks to connect and runs the fit again from its start (a shard's answer depends only on its
 * rows and the message, so the model is the same). A shard whose rows are bad answers with the error, which the driver throws as an
 * {@link InvalidDataException} naming the partition and row.
 */
final class SparkShards {
  private static final Logger LOG = LoggerFactory.getLogger(SparkShards.class);
  /** How long the driver waits for the tasks to connect (scheduling, a retried stage). */
  private static final int CONNECT_TIMEOUT_MS = 600_000;
  private static final int ATTEMPTS = 4;
  private static final int END = -1;
  private static final int ERROR = -2;

  private SparkShards() {}

  /** A partition's rows and, once asked, its worker; lives in the executor's block cache. */
  private static final class Shard {
    final int index;
    final RowBatch rows;
    ShardWorker worker;

    Shard(int index, RowBatch rows) {
      this.index = index;
      this.rows = rows;
    }

    synchronized ShardWorker worker(String algorithm, Map<String, String> hyperparameters, int shards, int threads) {
      if (worker == null) {
        worker = ((ShardedEstimator<?>) Algorithms.get(algorithm).create(hyperparameters))
            .shardWorker(InMemoryDataset.of(rows), index, shards, threads);
      }
      return worker;
    }
  }

  /** A shard's task: connects to the driver and answers its messages until told to end. */
  private static final class ServeShard implements FlatMapFunction<Iterator<Shard>, Object>, Serializable {
    private static final long serialVersionUID = 1L;
    private final String host;
    private final int port;
    private final String algorithm;
    private final HashMap<String, String> hyperparameters;
    private final int shards;
    private final int threads;

    ServeShard(String host, int port, String algorithm, HashMap<String, String> hyperparameters, int shards,
        int threads) {
      this.host = host;
      this.port = port;
      this.algorithm = algorithm;
      this.hyperparameters = hyperparameters;
      this.shards = shards;
      this.threads = threads;
    }

    @Override
    public Iterator<Object> call(Iterator<Shard> it) {
      Shard shard = it.next();
      try (Socket socket = new Socket(host, port)) {
        socket.setTcpNoDelay(true);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        out.writeInt(shard.index);
        out.flush();
        ShardWorker worker = shard.worker(algorithm, hyperparameters, shards, threads);
        while (true) {
          int length = in.readInt();
          if (length == END) {
            break;
          }
          byte[] message = in.readNBytes(length);
          byte[] answer;
          try {
            answer = worker.answer(message);
          } catch (IOException | RuntimeException e) {
            byte[] text = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
            out.writeInt(ERROR);
            out.writeInt(e instanceof InvalidDataException ? 1 : 0);
            out.writeInt(text.length);
            out.write(text);
            out.flush();
            continue;
          }
          out.writeInt(answer.length);
          out.write(answer);
          out.flush();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("shard " + shard.index + " lost its connection to the driver " + host + ":"
            + port, e);
      }
      return java.util.Collections.emptyIterator();
    }
  }

  /** Thrown when a task's connection breaks: the stage is being retried. */
  private static final class ConnectionLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConnectionLost(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The driver's ends of the tasks' connections, in shard order. */
  private static final class Connections implements Shards, AutoCloseable {
    private final Socket[] sockets;
    private final DataOutputStream[] outs;
    private final DataInputStream[] ins;
    private final Schema schema;
    private final long[] timing = new long[3]; // rounds, ns in ask, answer bytes

    Connections(Socket[] sockets, Schema schema) throws IOException {
      this.sockets = sockets;
      this.schema = schema;
      outs = new DataOutputStream[sockets.length];
      ins = new DataInputStream[sockets.length];
      for (int i = 0; i < sockets.length; i++) {
        outs[i] = new DataOutputStream(new BufferedOutputStream(sockets[i].getOutputStream(), 1 << 16));
        ins[i] = new DataInputStream(new BufferedInputStream(sockets[i].getInputStream(), 1 << 16));
      }
    }

    @Override
    public int count() {
      return sockets.length;
    }

    @Override
    public Schema schema() {
      return schema;
    }

    @Override
    public List<byte[]> ask(byte[] message) {
      long started = System.nanoTime();
      List<byte[]> answers = new ArrayList<>(sockets.length);
      int shard = 0;
      try {
        for (; shard < sockets.length; shard++) {
          outs[shard].writeInt(message.length);
          outs[shard].write(message);
          outs[shard].flush();
        }
        for (shard = 0; shard < sockets.length; shard++) {
          int length = ins[shard].readInt();
          if (length == ERROR) {
            boolean data = ins[shard].readInt() != 0;
            String text = "spark partition " + shard + ": " + new String(ins[shard].readNBytes(ins[shard].readInt()),
                StandardCharsets.UTF_8);
            throw data ? new InvalidDataException(text) : new IllegalStateException(text);
          }
          answers.add(ins[shard].readNBytes(length));
          timing[2] += length;
        }
      } catch (IOException e) {
        throw new ConnectionLost("the task of shard " + shard + " disconnected", e);
      }
      timing[0]++;
      timing[1] += System.nanoTime() - started;
      return answers;
    }

    void end() {
      for (DataOutputStream out : outs) {
        try {
          out.writeInt(END);
          out.flush();
        } catch (IOException e) {
          LOG.debug("a shard's task had gone before the end of the fit", e);
        }
      }
    }

    @Override
    public void close() {
      for (Socket s : sockets) {
        try {
          s.close();
        } catch (IOException e) {
          LOG.debug("closing a shard's connection", e);
        }
      }
    }
  }

  static <M extends Model> M fit(ShardedEstimator<M> estimator, Map<String, String> hyperparameters,
      Dataset<Row> selected, SparkRows reader, int threadsPerTask) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(selected.sparkSession().sparkContext());
    // Each partition is read on its own (so a bad row is named by its partition), then partitions are coalesced,
    // in order and without a shuffle, to at most the task slots: every shard's task must run at once.
    JavaRDD<RowBatch> parts = selected.toJavaRDD().mapPartitionsWithIndex((Integer index, Iterator<Row> rows) ->
        List.of(reader.readAll(rows, index)).iterator(), true);
    int slots = Math.max(1, jsc.defaultParallelism() / Math.max(1, threadsPerTask));
    if (parts.getNumPartitions() > slots) {
      parts = parts.coalesce(slots);
    }
    int count = parts.getNumPartitions();
    String algorithm = estimator.algorithm();
    HashMap<String, String> hp = new HashMap<>(hyperparameters);
    JavaRDD<Shard> cached = parts.mapPartitionsWithIndex((Integer index, Iterator<RowBatch> batches) -> {
      List<RowBatch> all = new ArrayList<>();
      batches.forEachRemaining(b -> {
        if (b.rows() > 0) {
          all.add(b);
        }
      });
      RowBatch rows = all.isEmpty() ? reader.readAll(java.util.Collections.emptyIterator(), index)
          : all.size() == 1 ? all.get(0) : RowBatch.concat(all);
      return List.of(new Shard(index, rows)).iterator();
    }, true).persist(StorageLevel.MEMORY_ONLY());
    Schema schema = Schema.of(reader.featureDim(), reader.labelCol() == null ? 0 : 1);
    String host = selected.sparkSession().conf().get("spark.driver.host", "127.0.0.1");
    long fitStarted = System.nanoTime();
    try (ServerSocket server = new ServerSocket(0, 2 * count, InetAddress.getByName(host))) {
      server.setSoTimeout(1000);
      ServeShard serve = new ServeShard(host, server.getLocalPort(), algorithm, hp, count, threadsPerTask);
      String group = "sagemill-" + algorithm + "-" + System.nanoTime();
      CompletableFuture<Long> job = CompletableFuture.supplyAsync(() -> {
        jsc.setJobGroup(group, "sagemill " + algorithm + " shards", true);
        return cached.mapPartitions(serve).count();
      });
      try {
        for (int attempt = 1; ; attempt++) {
          try (Connections shards = accept(server, count, schema, job)) {
            M model = estimator.fitSharded(shards, FitOptions.builder()
                .threads(Math.max(1, Runtime.getRuntime().availableProcessors())).build());
            shards.end();
            job.join();
            long total = System.nanoTime() - fitStarted;
            LOG.info("{} on Spark: {} shards, {} rounds in {} ms ({} ms waiting for answers, the rest reading the "
                + "partitions and the driver's own work); {} MB of answers", algorithm, count, shards.timing[0],
                total / 1_000_000, shards.timing[1] / 1_000_000, shards.timing[2] >> 20);
            return model;
          } catch (ConnectionLost e) {
            if (attempt == ATTEMPTS) {
              throw e;
            }
            LOG.warn("{} on Spark: {}; waiting for the retried tasks", algorithm, e.getMessage());
          }
        }
      } catch (RuntimeException e) {
        jsc.sc().cancelJobGroup(group);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the driver could not listen for the shards' tasks on " + host, e);
    } catch (Exception e) {
      throw Failures.unwrap(e);
    } finally {
      cached.unpersist(false);
    }
  }

  /**
   * Waits for every shard's task to connect; fails when the job ended without them. On failure the connections made
   * so far are closed, so their tasks (blocked reading from the driver) end and free their slots.
   */
  private static Connections accept(ServerSocket server, int count, Schema schema, CompletableFuture<Long> job)
      throws IOException {
    Socket[] sockets = new Socket[count];
    boolean done = false;
    try {
      int connected = 0;
      long deadline = System.currentTimeMillis() + CONNECT_TIMEOUT_MS;
      while (connected < count) {
        if (job.isDone()) {
          job.join(); // rethrows the job's failure
          throw new IllegalStateException("the shards' job ended before all " + count + " shards connected");
        }
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("only " + connected + " of " + count + " shards' tasks connected in "
              + CONNECT_TIMEOUT_MS / 1000 + " s: the cluster has fewer free task slots than shards");
        }
        Socket s;
        try {
          s = server.accept();
        } catch (SocketTimeoutException e) {
          continue;
        }
        s.setTcpNoDelay(true);
        int index = new DataInputStream(s.getInputStream()).readInt();
        if (sockets[index] != null) {
          sockets[index].close(); // a retried task replaces the lost one
        } else {
          connected++;
        }
        sockets[index] = s;
      }
      Connections c = new Connections(sockets, schema);
      done = true;
      return c;
    } finally {
      if (!done) {
        for (Socket s : sockets) {
          if (s != null) {
            s.close();
          }
        }
      }
    }
  }

  /** Reads every row on the driver, for algorithms without a multi-host scheme. */
  static RowBatch collect(Dataset<Row> selected, SparkRows reader) {
    try {
      return reader.readAll(selected.toLocalIterator(), 0);
    } catch (Exception e) {
      throw Failures.unwrap(e);
    }
  }
}
