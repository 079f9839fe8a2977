/** Tests of the answer writers. */
package dev.sagemill.io.answer;
