package careerbot.load;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Latencies in microseconds, recorded from many threads, summarised as percentiles. */
final class Latencies {
  private final long[] values;
  private final AtomicInteger count = new AtomicInteger();

  Latencies(int capacity) {
    values = new long[capacity];
  }

  void record(long nanos) {
    int i = count.getAndIncrement();
    if (i < values.length) values[i] = nanos / 1000;
  }

  int count() {
    return Math.min(count.get(), values.length);
  }

  /** "p50 1.2 ms  p95 ...": the percentiles of everything recorded so far. */
  String summary() {
    int n = count();
    if (n == 0) return "no answers";
    long[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    return String.format("p50 %s  p95 %s  p99 %s  max %s", ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99),
        fmt(sorted[n - 1]));
  }

  private static String ms(long[] sorted, double p) {
    return fmt(sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)]);
  }

  private static String fmt(long micros) {
    return String.format("%.2f ms", micros / 1000.0);
  }
}
