/** Exception types and argument checks shared by every sagemill module. */
package dev.sagemill.core.error;
