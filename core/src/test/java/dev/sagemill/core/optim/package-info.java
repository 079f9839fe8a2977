/** Tests of the optimizers and schedules. */
package dev.sagemill.core.optim;
