/**
 * SageMaker's {@code application/jsonlines}: generic rows ({@code {"features": [...], "label": ...}}), DeepAR
 * time series ({@code start}, {@code target}, {@code cat}, {@code dynamic_feat}).
 */
package dev.sagemill.io.jsonl;
