package org.mq.e2e;

import java.lang.reflect.Method;

/**
 * Sets CLUSTERING or BROADCASTING on a consumer. The MessageModel enum moved from
 * org.apache.rocketmq.common.protocol.heartbeat (4.9) to
 * org.apache.rocketmq.remoting.protocol.heartbeat (5.x), so it is reached through the
 * setter's parameter type and one source tree compiles against both clients.
 */
final class MessageModels {
    private MessageModels() {
    }

    static void set(Object consumer, String modelName) throws ReflectiveOperationException {
        for (Method setter : consumer.getClass().getMethods()) {
            if (setter.getName().equals("setMessageModel") && setter.getParameterCount() == 1) {
                setter.invoke(consumer, constant(setter.getParameterTypes()[0], modelName));
                return;
            }
        }
        throw new NoSuchMethodException(consumer.getClass().getName() + ".setMessageModel");
    }

    static boolean isBroadcasting(String modelName) {
        return "BROADCASTING".equals(modelName);
    }

    private static Object constant(Class<?> enumType, String name) {
        for (Object constant : enumType.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown message model " + name);
    }
}
