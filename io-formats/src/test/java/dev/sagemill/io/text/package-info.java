/** Tests of dev.sagemill.io.text. */
package dev.sagemill.io.text;
