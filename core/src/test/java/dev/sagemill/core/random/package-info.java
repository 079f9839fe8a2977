/** Tests of dev.sagemill.core.random. */
package dev.sagemill.core.random;
