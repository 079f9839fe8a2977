/**
 * Pictures of training runs and models, drawn headless with XChart and written as PNG: learning curves, ROC and
 * precision-recall curves, confusion matrices, feature importance, residuals, 2-D projections by cluster and tuning
 * progress. Each chart class builds an XChart chart from sagemill's own types or plain arrays; {@link
 * dev.sagemill.charts.Png} writes any of them. An optional module, so the library jars do not carry a chart library.
 */
package dev.sagemill.charts;
