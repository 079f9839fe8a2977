/** Tests of dev.sagemill.io.csv. */
package dev.sagemill.io.csv;
