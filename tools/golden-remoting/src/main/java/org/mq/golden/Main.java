package org.mq.golden;

import java.nio.file.Path;

/**
 * Writes the golden fixtures of @mq/remoting and @mq/common with Apache RocketMQ's own codecs.
 * Usage: {@code Main <remoting-fixtures-dir> <common-fixtures-dir>}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Main <remoting-fixtures-dir> <common-fixtures-dir>");
        }
        String producedBy = "tools/golden-remoting (see its README.md)";

        FixtureSet remoting = new FixtureSet(Path.of(args[0]), producedBy);
        FrameFixtures.writeAll(remoting);
        BodyFixtures.writeAll(remoting);
        remoting.writeManifest();

        FixtureSet common = new FixtureSet(Path.of(args[1]), producedBy);
        RecordFixtures.writeAll(common);
        PropertiesFixtures.writeAll(common);
        IdFixtures.writeAll(common);
        common.writeManifest();
    }
}
