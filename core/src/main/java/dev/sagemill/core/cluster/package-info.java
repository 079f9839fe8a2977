/**
 * Clustering primitives that several algorithms share: nearest-center assignment ({@link
 * dev.sagemill.core.cluster.Centers}) and weighted Lloyd's iterations with k-means++ seeding ({@link
 * dev.sagemill.core.cluster.LocalLloyd}), used by k-means' final reduction and by k-NN's IVF and product
 * quantizers.
 */
package dev.sagemill.core.cluster;
