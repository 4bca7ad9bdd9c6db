package org.mq.e2e;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One driver run, whatever the client: prints its outcome as exactly one JSON line on stdout,
 * {@code {"ok":true,"scenario":...,"clientVersion":...,...}} with exit code 0, or
 * {@code {"ok":false,...,"error":...}} with a non-zero one. A watchdog ends the JVM if the run
 * outlives {@code --deadline-ms}. Uses no client class, so every driver project compiles it in.
 */
final class DriverRun {
    /** The scenario's body: fills the result from the parsed options. */
    interface Body {
        Map<String, Object> run(Args args, Map<String, Object> result) throws Exception;
    }

    private static final long DEFAULT_DEADLINE_MS = 90_000;

    private DriverRun() {
    }

    static void run(String scenario, String clientVersion, String[] argv, Body body) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ok", false);
        result.put("scenario", scenario);
        result.put("clientVersion", clientVersion);
        int exitCode;
        try {
            Args args = Args.parse(argv);
            startWatchdog(result, args.getLong("deadline-ms", DEFAULT_DEADLINE_MS));
            result.putAll(body.run(args, result));
            result.put("ok", true);
            exitCode = 0;
        } catch (Throwable failure) {
            result.put("error", describe(failure));
            exitCode = 1;
        }
        finish(result, exitCode);
    }

    private static synchronized void finish(Map<String, Object> result, int exitCode) {
        System.out.println(Json.write(result));
        System.out.flush();
        // halt, not exit: the clients are still running and their shutdown is slow.
        Runtime.getRuntime().halt(exitCode);
    }

    private static void startWatchdog(Map<String, Object> result, long deadlineMs) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(deadlineMs);
            } catch (InterruptedException e) {
                return;
            }
            Map<String, Object> timedOut = new LinkedHashMap<>(result);
            timedOut.put("ok", false);
            timedOut.put("error", "driver deadline of " + deadlineMs + " ms exceeded");
            finish(timedOut, 2);
        }, "driver-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static String describe(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
