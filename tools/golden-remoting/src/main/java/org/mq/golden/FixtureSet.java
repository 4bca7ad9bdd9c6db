package org.mq.golden;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import com.alibaba.fastjson2.JSONWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One fixtures directory: the data files plus a manifest.json that lists, for each file,
 * what it is and what Java decodes from it.
 */
final class FixtureSet {
    private final Path dir;
    private final String producedBy;
    private final JSONArray entries = new JSONArray();

    FixtureSet(Path dir, String producedBy) throws IOException {
        this.dir = dir;
        this.producedBy = producedBy;
        Files.createDirectories(dir);
    }

    /** Writes {@code bytes} to {@code file} and records its manifest entry (the file name is added to it). */
    void addFile(String file, byte[] bytes, JSONObject entry) throws IOException {
        Files.write(dir.resolve(file), bytes);
        JSONObject withFile = new JSONObject();
        withFile.put("file", file);
        withFile.put("size", bytes.length);
        withFile.putAll(entry);
        entries.add(withFile);
    }

    /** Records a manifest entry that has no data file (ids computed by Java, for example). */
    void addEntry(JSONObject entry) {
        entries.add(entry);
    }

    void writeManifest() throws IOException {
        JSONObject manifest = new JSONObject();
        manifest.put("producedBy", producedBy);
        manifest.put("rocketmqVersion", "5.3.3");
        manifest.put("fixtures", entries);
        String text = manifest.toJSONString(JSONWriter.Feature.PrettyFormat, JSONWriter.Feature.WriteMapNullValue);
        Files.write(dir.resolve("manifest.json"), (text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
