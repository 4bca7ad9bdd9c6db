package org.mq.e2e;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.rocketmq.client.java.misc.MetadataUtils;

/**
 * The gRPC drivers' counterpart of {@link DriverMain} (which needs the remoting client): runs one
 * scenario and prints exactly one JSON line, {@code {"ok":true,"scenario":...,"clientVersion":...}}
 * with exit code 0 or {@code {"ok":false,...,"error":...}} with a non-zero one. A watchdog ends
 * the JVM if the scenario outlives {@code --deadline-ms}.
 */
final class GrpcDriverMain {
    interface Scenario {
        Map<String, Object> run(Args args, GrpcClients clients) throws Exception;
    }

    private static final long DEFAULT_DEADLINE_MS = 90_000;

    private GrpcDriverMain() {
    }

    static void run(String scenario, String[] argv, Scenario body) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ok", false);
        result.put("scenario", scenario);
        result.put("clientVersion", MetadataUtils.getVersion());
        try {
            Args args = Args.parse(argv);
            watchdog(result, args.getLong("deadline-ms", DEFAULT_DEADLINE_MS));
            GrpcClients clients = new GrpcClients(args.get("endpoints"));
            result.put("sslEnabled", clients.sslEnabled());
            result.putAll(body.run(args, clients));
            result.put("ok", true);
            finish(result, 0);
        } catch (Throwable failure) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            result.put("error", trace.toString());
            finish(result, 1);
        }
    }

    private static synchronized void finish(Map<String, Object> result, int exitCode) {
        System.out.println(Json.write(result));
        System.out.flush();
        // halt, not exit: the clients' shutdown waits on their background threads.
        Runtime.getRuntime().halt(exitCode);
    }

    private static void watchdog(Map<String, Object> result, long deadlineMs) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(deadlineMs);
            } catch (InterruptedException e) {
                return;
            }
            Map<String, Object> timedOut = new LinkedHashMap<>(result);
            timedOut.put("error", "driver deadline of " + deadlineMs + " ms exceeded");
            finish(timedOut, 2);
        }, "driver-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
