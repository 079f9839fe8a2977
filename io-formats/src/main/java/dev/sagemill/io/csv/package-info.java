/**
 * SageMaker's {@code text/csv}: no header, the label in the first column ({@code label_size=0} for unlabelled
 * channels), an optional weight in the next column ({@code csv_weights=1}), empty cells as missing values, quoted
 * fields, CRLF line ends and a UTF-8 byte-order mark.
 */
package dev.sagemill.io.csv;
