/**
 * Training split across shards of the rows, independent of the engine that holds them: a
 * {@link dev.sagemill.core.distributed.ShardedEstimator} trains in rounds in which the driver sends one message to
 * every shard, each shard answers from its own rows, and the driver folds the answers in shard order. Rows never
 * leave their shard. {@link dev.sagemill.core.distributed.LocalShards} runs the protocol in one process (tests, and
 * the reference a distributed engine must equal); the Spark module runs it on a cluster.
 */
package dev.sagemill.core.distributed;
