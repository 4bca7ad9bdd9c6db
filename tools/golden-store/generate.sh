#!/usr/bin/env bash
# Regenerates packages/store/test/fixtures/apache-store (a store written by Apache RocketMQ's
# DefaultMessageStore 5.3.3) and its manifest. Needs Java 17 and Maven (Maven Central reachable).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fixtures="$here/../../packages/store/test/fixtures"
mvn -q -B -f "$here/pom.xml" process-classes
mkdir -p "$fixtures"
java -cp "$here/target/classes:$here/target/lib/*" mq.golden.GoldenStoreWriter \
  "$fixtures/apache-store" "$fixtures/apache-store.manifest.json"
# Apache preallocates the next commit-log file; an all-zero trailing file carries no data.
du -sh "$fixtures/apache-store"
