/** Tests of the command line. */
package dev.sagemill.cli;
