/** Tests of the neural foundation: a known regression learned through the trainer, parameter files, resume. */
package dev.sagemill.neural;
