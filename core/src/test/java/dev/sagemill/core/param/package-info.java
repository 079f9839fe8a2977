/** Tests of dev.sagemill.core.param. */
package dev.sagemill.core.param;
