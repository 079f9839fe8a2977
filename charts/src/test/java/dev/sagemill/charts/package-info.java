/** Tests of the charts: their data and their rendering. */
package dev.sagemill.charts;
