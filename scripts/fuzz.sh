#!/usr/bin/env bash
# Builds every fuzz target with clang/libFuzzer under ASAN/UBSAN and runs each for a bounded time.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 20)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
seconds=${1:-20}
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCONCUR_FUZZ=ON -DCONCUR_TESTS=OFF -DCONCUR_BENCH=OFF
cmake --build build-fuzz -j "$(nproc)" --target concur_fuzz_targets
mapfile -t targets < <(find build-fuzz/fuzz -type f -executable -name 'fuzz_*' | sort)
if [ ${#targets[@]} -eq 0 ]; then
  echo "fuzz: no fuzz targets built"
  exit 0
fi
for t in "${targets[@]}"; do
  name=$(basename "$t")
  corpus="build-fuzz/corpus/$name"
  mkdir -p "$corpus"
  seeds="fuzz/seeds/$name"
  echo "fuzz: $name for ${seconds}s"
  args=("$corpus")
  [ -d "$seeds" ] && args+=("$seeds")
  # The whole log goes to a file: on success its last lines (the statistics) are enough, on a
  # crash the sanitizer's report and the input that caused it must be in CI's output.
  log="build-fuzz/logs/$name.log"
  mkdir -p build-fuzz/logs build-fuzz/crashes
  if ! "$t" -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=2048 \
      -artifact_prefix="build-fuzz/crashes/$name-" "${args[@]}" >"$log" 2>&1; then
    echo "fuzz: $name FAILED; the end of its log ($log):"
    tail -n 60 "$log"
    exit 1
  fi
  tail -n 4 "$log"
done
echo "fuzz: ${#targets[@]} targets ran without a crash"
