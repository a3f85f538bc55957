/**
 * The load generator: many concurrent conversations over WebSockets or HTTP at a set rate, idle
 * connections, and a hostile-input run, each reporting throughput, latency percentiles, errors and the
 * server's heap, and the hostile inputs the fuzz tests use. It lives with the tests, out of the shipped jar,
 * and uses the JDK alone: {@code ./mvnw -B -ntp -q test-compile}, then
 * {@code java -cp target/test-classes careerbot.load.LoadGenerator --help}.
 */
package careerbot.load;
