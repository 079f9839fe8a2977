/**
 * SageMaker's k-NN: a reservoir sample of the training rows, optional random dimension reduction, and a FAISS-style
 * index (Flat, IVFFlat, IVFPQ) searched with blocked dot-product kernels.
 */
package dev.sagemill.algo.knn;
