/** Tests of dev.sagemill.io.recordio. */
package dev.sagemill.io.recordio;
