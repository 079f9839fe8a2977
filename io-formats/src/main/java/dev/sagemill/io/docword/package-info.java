/** The UCI Bag of Words docword format. */
package dev.sagemill.io.docword;
