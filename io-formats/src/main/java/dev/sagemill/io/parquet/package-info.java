/** SageMaker's {@code application/x-parquet}: numeric columns as features, one named column as the label. */
package dev.sagemill.io.parquet;
