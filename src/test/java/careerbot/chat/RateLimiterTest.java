package careerbot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  @Test
  void aBurstThenTheSustainedRateWithTheWaitToldInSeconds() {
    AtomicLong clock = new AtomicLong();
    RateLimiter limiter = new RateLimiter(0.5, 3, 100, clock::get);
    for (int i = 0; i < 3; i++) assertEquals(0, limiter.acquire("a"));
    assertEquals(2, limiter.acquire("a"), "one token comes back every 2 s");
    assertEquals(0, limiter.acquire("b"), "another key has its own bucket");
    clock.addAndGet(2_000_000_000L);
    assertEquals(0, limiter.acquire("a"));
    assertEquals(2, limiter.acquire("a"));
    // A key whose first request was not counted by key starts with that one spent.
    assertEquals(0, limiter.acquire("c", 1));
    assertEquals(0, limiter.acquire("c", 1));
    assertEquals(2, limiter.acquire("c", 1));
  }

  @Test
  void manyThreadsOnOneKeyGetExactlyTheBurst() throws InterruptedException {
    RateLimiter limiter = new RateLimiter(1e-9, 500, 100, System::nanoTime);
    AtomicInteger allowed = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    Thread[] threads = new Thread[8];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < 2_000; i++) if (limiter.acquire("one address") == 0) allowed.incrementAndGet();
      });
      threads[t].start();
    }
    start.countDown();
    for (Thread t : threads) t.join();
    assertEquals(500, allowed.get(), "no token is spent twice and none is lost");
  }
}
