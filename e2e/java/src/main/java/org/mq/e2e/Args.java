package org.mq.e2e;

import java.util.HashMap;
import java.util.Map;

/** Command-line options of a driver, given as {@code --name value} pairs. */
final class Args {
    private final Map<String, String> values;

    private Args(Map<String, String> values) {
        this.values = values;
    }

    static Args parse(String[] argv) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < argv.length; i += 2) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + argv[i] + "'");
            }
            values.put(argv[i].substring(2), argv[i + 1]);
        }
        return new Args(values);
    }

    String get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing option --" + name);
        }
        return value;
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int getInt(String name) {
        return Integer.parseInt(get(name));
    }

    int getInt(String name, int fallback) {
        return values.containsKey(name) ? getInt(name) : fallback;
    }

    long getLong(String name, long fallback) {
        return values.containsKey(name) ? Long.parseLong(get(name)) : fallback;
    }
}
