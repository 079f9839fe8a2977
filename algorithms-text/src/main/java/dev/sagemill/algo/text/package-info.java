/**
 * Text algorithms (planned): BlazingText (word2vec modes and the fastText-style supervised classifier),
 * LDA, the neural topic model, Object2Vec and Seq2Seq, each under SageMaker's algorithm name and hyperparameters.
 * Nothing is implemented here yet; the module exists so the reactor layout is fixed from the start.
 */
package dev.sagemill.algo.text;
