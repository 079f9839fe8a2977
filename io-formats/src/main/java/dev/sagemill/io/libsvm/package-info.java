/** SageMaker's and XGBoost's {@code text/libsvm}: {@code label[:weight] [qid:N] index:value ...}, streamed sparse. */
package dev.sagemill.io.libsvm;
