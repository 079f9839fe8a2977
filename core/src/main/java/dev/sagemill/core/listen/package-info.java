/** Training progress events: per-epoch metrics for logging, progress bars, early stopping and checkpointing. */
package dev.sagemill.core.listen;
