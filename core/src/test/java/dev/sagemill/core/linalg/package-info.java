/** Tests of dev.sagemill.core.linalg. */
package dev.sagemill.core.linalg;
