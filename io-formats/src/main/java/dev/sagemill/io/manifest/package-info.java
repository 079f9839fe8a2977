/**
 * SageMaker's augmented manifest files: JSON Lines whose first named attribute is the data reference
 * ({@code source-ref}, an object URI, or {@code source}, inline data) and whose other named attributes are labels.
 */
package dev.sagemill.io.manifest;
