#!/usr/bin/env bash
# Runs a Spark peer harness (class in src/main/java/dev/sagemill/benchmarks/spark) with Spark's Java 17 flags:
#   benchmarks/spark-peers/run.sh CLASS [args ...]      e.g. benchmarks/spark-peers/run.sh FmVsSpark
# Installs sagemill into the local Maven repository first; downloads Spark (about 320 MB) on the first run.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -ntp -q -DskipTests install -pl benchmarks,spark -am >/dev/null
cd benchmarks/spark-peers
mvn -B -ntp -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
opens=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
class=$1; shift
cd ../..
exec java -XX:+IgnoreUnrecognizedVMOptions "${opens[@]}" -Djdk.reflect.useDirectMethodHandle=false \
  -Dio.netty.tryReflectionSetAccessible=true -Xmx4g \
  -cp "benchmarks/spark-peers/target/classes:$(cat benchmarks/spark-peers/target/classpath.txt)" \
  "dev.sagemill.benchmarks.spark.$class" "$@"
