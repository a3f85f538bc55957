/**
 * The load generator: many concurrent conversations over WebSockets or HTTP at a set rate, idle
 * connections, and a hostile-input run, each reporting throughput, latency percentiles, errors and the
 * server's heap. Run with {@code java -jar target/careerbot.jar load --help}. Not part of the tests.
 */
package careerbot.load;
