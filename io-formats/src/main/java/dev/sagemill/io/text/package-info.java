/** Byte-level text scanning shared by the text formats: lines, BOMs, CRLF, and fast exact number parsing. */
package dev.sagemill.io.text;
