/** Image channels: encoded images with the labels an image list gives them. */
package dev.sagemill.io.image;
