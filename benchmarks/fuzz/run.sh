#!/usr/bin/env bash
# Fuzzes sagemill's readers of outside bytes with Jazzer (issue 29), one target after another, and prints one line
# per target: executions, executions per second, coverage (libFuzzer's cov and ft counts), corpus size, findings.
#
#   benchmarks/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET ...]     default: 600 s, every target
#
# Targets (cli/src/test/java/dev/sagemill/cli/FuzzTargets.java): csv libsvm recordio parquet jsonlines docword deepar
# object2vec manifest model xgboost_model mxnet_model model_tar_gz invocations. Seeds come from
# cli/src/test/resources/dev/sagemill/cli/FuzzRegressionTestInputs/TARGET, which FuzzRegressionTest runs in the
# normal test suite; the corpus grown and any finding (crash-*, timeout-*, oom-*) are kept under
# cli/target/fuzz/TARGET. A finding, once fixed, is copied into the seeds folder as its regression case.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-600}
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(csv libsvm recordio parquet jsonlines docword deepar object2vec manifest model xgboost_model mxnet_model
    model_tar_gz invocations)
fi
# FUZZ_NO_BUILD=1 skips the build, for a second run started beside a first on the same build.
if [[ -z ${FUZZ_NO_BUILD:-} ]]; then
  mvn -B -ntp -q -DskipTests install -pl cli -am >/dev/null
  mvn -B -ntp -q -pl cli dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/test-classpath.txt >/dev/null
fi
cp="cli/target/test-classes:cli/target/classes:$(cat cli/target/test-classpath.txt)"
seeds=cli/src/test/resources/dev/sagemill/cli/FuzzRegressionTestInputs
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); $seconds s per target"
printf '%-14s %12s %9s %7s %7s %7s %9s\n' target executions exec/s cov ft corpus findings
for t in "${targets[@]}"; do
  work=cli/target/fuzz/$t
  mkdir -p "$work/corpus" "$work/findings"
  # -timeout: one input running 30 s is a hang; -rss_limit_mb: the JVM's own heap limit (-Xmx) catches memory
  # exhaustion first, as an OutOfMemoryError finding.
  java -Xmx1g -Dsagemill.fuzz.target="$t" -cp "$cp" com.code_intelligence.jazzer.Jazzer \
    --target_class=dev.sagemill.cli.FuzzDriver '--instrumentation_includes=dev.sagemill.**' --keep_going=50 \
    --reproducer_path="$work/findings" \
    -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$work/findings/" "$work/corpus" "$seeds/$t" >"$work/log" 2>&1 || true
  # After a finding the statistics are printed again, cumulative: the last line counts the whole run.
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/log" | tail -1 | grep -o '[0-9]*$' || echo "?")
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$work/log" | tail -1 | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$work/log" | tail -1 | grep -o '[0-9]*' || echo "?")
  ft=$(grep -o 'ft: [0-9]*' "$work/log" | tail -1 | grep -o '[0-9]*' || echo "?")
  corpus=$(find "$work/corpus" -type f | wc -l)
  findings=$(find "$work/findings" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  printf '%-14s %12s %9s %7s %7s %7s %9s\n' "$t" "$execs" "$rate" "$cov" "$ft" "$corpus" "$findings"
done
