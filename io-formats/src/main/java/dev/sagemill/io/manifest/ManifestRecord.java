package dev.sagemill.io.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One augmented-manifest line, reduced to the attributes the job named.
 *
 * @param line the 1-based line number
 * @param sourceAttribute the name of the data attribute ({@code source-ref} or {@code source}, or another name)
 * @param source the data: an object URI for {@code *-ref} attributes, otherwise inline text
 * @param attributes the other named attributes (labels), in the job's order
 */
public record ManifestRecord(long line, String sourceAttribute, String source, Map<String, JsonNode> attributes) {
  /**
   * Copies the attributes.
   *
   * @param line the 1-based line number
   * @param sourceAttribute the data attribute's name
   * @param source the data or its URI
   * @param attributes the other named attributes
   */
  public ManifestRecord {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** @return true if the source is a reference (the attribute name ends in {@code -ref}) */
  public boolean isReference() {
    return sourceAttribute.endsWith("-ref");
  }
}
