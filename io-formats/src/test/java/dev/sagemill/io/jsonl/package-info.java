/** Tests of dev.sagemill.io.jsonl. */
package dev.sagemill.io.jsonl;
