/** Seeded, splittable random streams: the only source of randomness in sagemill. */
package dev.sagemill.core.random;
