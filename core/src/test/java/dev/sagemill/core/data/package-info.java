/** Tests of dev.sagemill.core.data. */
package dev.sagemill.core.data;
