#!/usr/bin/env bash
# Runs a benchmark class from the repository root with the benchmarks module's class path:
#   benchmarks/run.sh [JVM options ...] CLASS [args ...]     e.g. benchmarks/run.sh -Xmx512m LargeCsvStreaming --gigabytes 5
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests install -pl benchmarks -am >/dev/null
mvn -B -ntp -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
cp=$(cat benchmarks/target/classpath.txt)
jvm=()
while [[ $# -gt 0 && $1 == -* ]]; do jvm+=("$1"); shift; done
class=$1; shift
[[ $class == *.* ]] || class=dev.sagemill.benchmarks.$class
exec java "${jvm[@]}" -cp "benchmarks/target/classes:$cp" "$class" "$@"
