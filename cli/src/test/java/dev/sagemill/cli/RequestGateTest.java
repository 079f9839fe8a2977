package dev.sagemill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Admission control of {@code serve}: a bounded number of requests in, a bounded number working at once. */
class RequestGateTest {
  @Test
  void admitsWorkersPlusQueueThenRefusesUntilOneLeaves() {
    RequestGate gate = new RequestGate(2, 3);
    for (int i = 0; i < 5; i++) {
      assertTrue(gate.admit(), "request " + i);
    }
    assertFalse(gate.admit(), "the sixth is turned away");
    assertEquals(5, gate.admitted());
    gate.leave();
    assertTrue(gate.admit(), "a place freed is taken again");
    assertFalse(gate.admit());
  }

  @Test
  void noMoreThanWorkersPredictAtOnce() throws Exception {
    RequestGate gate = new RequestGate(2, 30);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        int id = i;
        assertTrue(gate.admit());
        done.add(pool.submit(() -> {
          try {
            return gate.work(() -> {
              most.accumulateAndGet(running.incrementAndGet(), Math::max);
              Thread.sleep(5);
              running.decrementAndGet();
              return id;
            });
          } finally {
            gate.leave();
          }
        }));
      }
      for (int i = 0; i < done.size(); i++) {
        assertEquals(i, done.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(2, most.get(), "eight threads asked, two worked at a time");
    assertEquals(0, gate.admitted());
  }

  @Test
  void refusesNonsenseLimitsNamingTheFlag() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new RequestGate(0, 1)).getMessage()
        .contains("--workers must be at least 1, got 0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new RequestGate(1, -1)).getMessage()
        .contains("--max-queue must be at least 0, got -1"));
  }
}
