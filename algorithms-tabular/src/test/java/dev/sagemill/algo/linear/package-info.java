/** Tests of Linear Learner. */
package dev.sagemill.algo.linear;
