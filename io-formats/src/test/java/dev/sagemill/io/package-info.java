/** Tests of dev.sagemill.io. */
package dev.sagemill.io;
