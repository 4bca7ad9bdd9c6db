#!/usr/bin/env bash
# Rebuilds the golden fixtures of @mq/remoting and @mq/common with Apache RocketMQ's Java codecs.
# Needs Java 17+ and Maven (Maven Central reachable, or the artifacts already in ~/.m2).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
remoting_out="$root/packages/remoting/test/fixtures/golden"
common_out="$root/packages/common/test/fixtures/golden"

cd "$here"
mvn -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
classpath="$(cat target/classpath.txt)"

rm -rf target/classes
mkdir -p target/classes
javac --release 17 -encoding UTF-8 -d target/classes -cp "$classpath" $(find src/main/java -name '*.java')

# Fixtures are regenerated from scratch so that none outlives the code that wrote it.
rm -rf "$remoting_out" "$common_out"
# UTC keeps the month boundary behind UNIQ_KEY nearly-time answers the same on every machine.
TZ=UTC java -Duser.timezone=UTC -cp "target/classes:$classpath" org.mq.golden.Main "$remoting_out" "$common_out"

echo "golden fixtures written to:"
echo "  $remoting_out ($(ls "$remoting_out" | wc -l) files)"
echo "  $common_out ($(ls "$common_out" | wc -l) files)"
