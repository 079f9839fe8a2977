/** Tests of DeepAR: closed forms, a simulated process with known quantiles, persistence, resume and bad input. */
package dev.sagemill.algo.deepar;
