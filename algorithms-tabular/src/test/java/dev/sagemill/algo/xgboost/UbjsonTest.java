package dev.sagemill.algo.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemill.core.io.CorruptModelException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** UBJSON as XGBoost writes it, and the hostile shapes the fuzzer found (issue 29). */
class UbjsonTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void readsOptimisedContainers() throws CorruptModelException {
    // {"a": [1, 2] as a typed int8 array, "b": "x"}
    JsonNode n = Ubjson.parse(bytes("{U\u0001a[$i#U\u0002\u0001\u0002U\u0001bSU\u0001x}"), "m.ubj");
    assertEquals(2, n.get("a").size());
    assertEquals(2, n.get("a").get(1).asInt());
    assertEquals("x", n.get("b").asText());
  }

  @Test
  void aTypedContainerWithoutCountIsRefusedNotReadForever() {
    // "[$Z" then no '#': every element is a null that takes no input, so the array would never end.
    CorruptModelException e = assertThrows(CorruptModelException.class,
        () -> Ubjson.parse(bytes("[$Z\u00dd\u00d4"), "bomb.ubj"));
    assertTrue(e.getMessage().contains("bomb.ubj") && e.getMessage().contains("no count"), e.getMessage());
  }

  @Test
  void nullsThatTakeNoBytesAreBoundedByTheFileSize() {
    // 200 arrays of 200 nulls each from a few hundred bytes: 40,000 values the file cannot hold.
    StringBuilder s = new StringBuilder("[$[#U\u00c8");
    for (int i = 0; i < 200; i++) {
      s.append("$Z#U\u00c8");
    }
    CorruptModelException e = assertThrows(CorruptModelException.class,
        () -> Ubjson.parse(bytes(s.toString()), "nulls.ubj"));
    assertTrue(e.getMessage().contains("more values than the file's"), e.getMessage());
  }
}
