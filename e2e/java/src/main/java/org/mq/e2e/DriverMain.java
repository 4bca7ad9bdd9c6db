package org.mq.e2e;

import java.util.Map;
import org.apache.rocketmq.common.MQVersion;

/** Runs one remoting-client scenario as a {@link DriverRun}, with {@link Clients} for the name server. */
final class DriverMain {
    interface Scenario {
        Map<String, Object> run(Args args, Clients clients) throws Exception;
    }

    private DriverMain() {
    }

    static void run(String scenario, String[] argv, Scenario body) {
        DriverRun.run(scenario, MQVersion.getVersionDesc(MQVersion.CURRENT_VERSION), argv,
            (args, result) -> body.run(args, new Clients(args.get("namesrv"))));
    }
}
