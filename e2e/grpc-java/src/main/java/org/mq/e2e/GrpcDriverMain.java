package org.mq.e2e;

import java.util.Map;
import org.apache.rocketmq.client.java.misc.MetadataUtils;

/**
 * Runs one gRPC-client scenario as a {@link DriverRun}, with {@link GrpcClients} for the
 * endpoints; the result also says whether the client used TLS.
 */
final class GrpcDriverMain {
    interface Scenario {
        Map<String, Object> run(Args args, GrpcClients clients) throws Exception;
    }

    private GrpcDriverMain() {
    }

    static void run(String scenario, String[] argv, Scenario body) {
        DriverRun.run(scenario, MetadataUtils.getVersion(), argv, (args, result) -> {
            GrpcClients clients = new GrpcClients(args.get("endpoints"));
            result.put("sslEnabled", clients.sslEnabled());
            return body.run(args, clients);
        });
    }
}
