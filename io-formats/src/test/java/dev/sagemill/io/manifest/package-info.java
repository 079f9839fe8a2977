/** Tests of dev.sagemill.io.manifest. */
package dev.sagemill.io.manifest;
