/**
 * Writing inference answers: {@link dev.sagemill.io.answer.StandardAnswers}, the shapes of SageMaker's first-party
 * algorithms, and {@link dev.sagemill.io.answer.Answers}, pieces for algorithms that define their own.
 */
package dev.sagemill.io.answer;
