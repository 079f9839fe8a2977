/** Tests of BlazingText: fastText interop, training, the provider. */
package dev.sagemill.algo.blazingtext;
