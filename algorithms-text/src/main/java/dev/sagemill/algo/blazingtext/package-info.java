/**
 * BlazingText ({@code blazingtext}): word2vec ({@code cbow}, {@code skipgram}, {@code batch_skipgram}, with
 * fastText's character n-gram subwords) and fastText's supervised text classifier, trained lock-free on all cores and
 * saved in fastText's own {@code .bin} format, which the {@code fasttext} tool reads, as well as read from it.
 *
 * <p>The pieces: {@link dev.sagemill.algo.blazingtext.Dictionary} (fastText's vocabulary, tokenisation, hashing,
 * subwords and word n-grams), {@link dev.sagemill.algo.blazingtext.Corpus} (the training lines encoded once as
 * ids), the losses ({@link dev.sagemill.algo.blazingtext.OutputLoss}), {@link dev.sagemill.algo.blazingtext.Trainer}
 * (the Hogwild epochs), {@link dev.sagemill.algo.blazingtext.FastTextModel} (inference: word vectors, sentence
 * labels) and {@link dev.sagemill.algo.blazingtext.FastTextBinary} (the {@code .bin} format both ways).
 */
package dev.sagemill.algo.blazingtext;
