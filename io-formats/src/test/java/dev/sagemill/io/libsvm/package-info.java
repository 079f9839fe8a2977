/** Tests of dev.sagemill.io.libsvm. */
package dev.sagemill.io.libsvm;
