/** Tests of Random Cut Forest. */
package dev.sagemill.algo.rcf;
