package org.mq.e2e;

/**
 * Bounded polling: wait for a condition, fail with a message saying what never happened.
 * Each wait is logged on stderr with its duration, which the suites show on failure.
 */
final class Await {
    interface Condition {
        boolean met() throws Exception;
    }

    private static final long POLL_MS = 50;

    private Await() {
    }

    static void until(String what, long timeoutMs, Condition condition) throws Exception {
        long start = System.currentTimeMillis();
        while (!condition.met()) {
            if (System.currentTimeMillis() - start > timeoutMs) {
                throw new IllegalStateException("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            Thread.sleep(POLL_MS);
        }
        System.err.println("[driver] " + what + ": " + (System.currentTimeMillis() - start) + " ms");
    }
}
