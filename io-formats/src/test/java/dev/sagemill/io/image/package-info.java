/** Tests of the image channel readers. */
package dev.sagemill.io.image;
