package org.mq.golden;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageDecoder;

/**
 * The properties string ({@code name 0x01 value 0x02}...) written by
 * {@link MessageDecoder#messageProperties2String(Map)}, and what
 * {@link MessageDecoder#string2messageProperties(String)} makes of odd inputs.
 */
final class PropertiesFixtures {
    private PropertiesFixtures() {
    }

    static void writeAll(FixtureSet out) throws Exception {
        Map<String, String> typical = new HashMap<>();
        typical.put("TAGS", "TagA");
        typical.put("KEYS", "order-1 user-42");
        typical.put("UNIQ_KEY", "C0A8001410922A9F7B8C5E1A00000000");
        typical.put("WAIT", "true");
        typical.put("DELAY", "3");
        typical.put("city", "北京");
        typical.put("emoji", "🚀");
        writeEncoded(out, "properties-typical.bin", "system and user properties, non-ASCII values", typical);

        Map<String, String> withNull = new HashMap<>();
        withNull.put("TAGS", "TagA");
        withNull.put("skipped", null);
        writeEncoded(out, "properties-null-value.bin", "an entry with a null value is left out", withNull);

        writeEncoded(out, "properties-empty.bin", "empty map gives an empty string", new HashMap<>());

        decodeCase(out, "no trailing separator", "TAGS\u0001TagA\u0002KEYS\u0001k1");
        decodeCase(out, "empty value is dropped", "TAGS\u0001\u0002KEYS\u0001k1\u0002");
        decodeCase(out, "empty name is dropped", "\u0001value\u0002KEYS\u0001k1\u0002");
        decodeCase(out, "pair without a name separator is dropped", "garbage\u0002KEYS\u0001k1\u0002");
        decodeCase(out, "second 0x01 stays in the value", "k\u0001v\u0001w\u0002");
        decodeCase(out, "empty segments between separators", "\u0002\u0002a\u0001b\u0002\u0002");
        decodeCase(out, "one-char value is kept", "a\u0001b\u0002");
        decodeCase(out, "later duplicate wins", "a\u0001first\u0002a\u0001second\u0002");
    }

    private static void writeEncoded(FixtureSet out, String file, String what, Map<String, String> input)
        throws Exception {
        String encoded = MessageDecoder.messageProperties2String(input);
        JSONArray entries = new JSONArray();
        input.forEach((k, v) -> entries.add(new JSONArray(k, v)));
        JSONObject entry = new JSONObject();
        entry.put("kind", "properties-string");
        entry.put("description", what + " (file = UTF-8 of the string)");
        entry.put("inputInJavaOrder", entries);
        entry.put("string", encoded);
        entry.put("decoded", Describe.sorted(MessageDecoder.string2messageProperties(encoded)));
        out.addFile(file, encoded.getBytes(StandardCharsets.UTF_8), entry);
    }

    private static void decodeCase(FixtureSet out, String what, String input) {
        JSONObject entry = new JSONObject();
        entry.put("kind", "properties-decode");
        entry.put("description", what);
        entry.put("string", input);
        entry.put("decoded", Describe.sorted(MessageDecoder.string2messageProperties(input)));
        out.addEntry(entry);
    }
}
