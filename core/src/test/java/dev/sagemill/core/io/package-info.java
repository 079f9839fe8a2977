/** Tests of dev.sagemill.core.io. */
package dev.sagemill.core.io;
