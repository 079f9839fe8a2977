/** Tests of Factorization Machines against closed forms and planted models. */
package dev.sagemill.algo.fm;
