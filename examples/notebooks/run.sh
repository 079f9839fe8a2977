#!/usr/bin/env bash
# Executes every notebook here headless, in place, so the committed notebooks keep the outputs of this run:
#   examples/notebooks/run.sh [NOTEBOOK.ipynb ...]
#   examples/notebooks/run.sh --install     only install Jupyter and the kernel (what .ci/run does)
# With NOTEBOOK_OUTPUT_DIR set, the executed notebooks go there instead (NotebooksTest does this).
# Installs what it needs: Debian's Jupyter (when missing) and the rapaio Java kernel from Maven Central; builds
# cli/target/sagemill.jar (every module) when it is not there. Exits non-zero on the first cell that fails.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
if ! [ -x /usr/bin/jupyter ] || ! /usr/bin/python3 -c "import nbclient" >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install --no-install-recommends -y -qq jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client \
    python3-ipykernel >/dev/null
fi
kernel_version=3.0.1
kernel_jar="$HOME/.m2/repository/io/github/padreati/rapaio-jupyter-kernel/$kernel_version/rapaio-jupyter-kernel-$kernel_version.jar"
if ! [ -f "$kernel_jar" ]; then
  mvn -B -ntp -q dependency:get -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$kernel_version"
fi
if ! /usr/bin/jupyter kernelspec list 2>/dev/null | grep -q rapaio-jupyter-kernel; then
  java -jar "$kernel_jar" -i -auto >/dev/null
fi
[ "${1:-}" = "--install" ] && exit 0
if ! [ -f "$root/cli/target/sagemill.jar" ]; then
  (cd "$root" && mvn -B -ntp -q -DskipTests package)
fi
export PYDEVD_DISABLE_FILE_VALIDATION=1
notebooks=("$@")
[ ${#notebooks[@]} -gt 0 ] || notebooks=(*.ipynb)
for nb in "${notebooks[@]}"; do
  echo "executing $nb"
  log="/tmp/notebook-$(basename "$nb" .ipynb).log"
  if [ -n "${NOTEBOOK_OUTPUT_DIR:-}" ]; then where=(--output-dir "$NOTEBOOK_OUTPUT_DIR"); else where=(--inplace); fi
  # The kernel now and then binds its ports and never answers the first kernel_info request (2 starts in 15 here; it
  # starts in 1-2 s otherwise): such a start is given up after 30 s and retried, up to 5 starts; a failing cell is not.
  for attempt in 1 2 3 4 5; do
    if /usr/bin/jupyter nbconvert --to notebook --execute "${where[@]}" --ExecutePreprocessor.timeout=300 \
        --ExecutePreprocessor.startup_timeout=30 "$nb" >"$log" 2>&1; then
      break
    fi
    if [ "$attempt" -lt 5 ] && grep -q "Kernel didn't respond" "$log"; then
      echo "  the kernel did not start; again"
      continue
    fi
    grep -v -E "^0\.00s|Debugger warning|frozen modules|PYDEVD|^\[20" "$log" | tail -40
    echo "notebook $nb failed" >&2
    exit 1
  done
done
