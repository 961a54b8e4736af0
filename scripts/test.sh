#!/usr/bin/env bash
# The test command (README.md): installs what is missing, builds, runs every test under ctest,
# then the same tests under ASAN/UBSAN, then each fuzz target for a bounded time.
# Usage: scripts/test.sh [--quick]   (--quick: the plain build and its tests only)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
jobs=$(nproc)
quick=0
[ "${1:-}" = "--quick" ] && quick=1

bash scripts/setup.sh

echo "== build (RelWithDebInfo) =="
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j "$jobs"
echo "== tests =="
ctest --test-dir build --output-on-failure -j "$jobs" --output-junit ctest-junit.xml

[ $quick -eq 1 ] && exit 0

echo "== NextEPC lab: a real MME in a VM with kernel SCTP (lab/README.md) =="
# Builds the VM image from Debian packages on first use (a few minutes, then cached), boots it in
# a network namespace of its own and runs the whole suite against NextEPC. Skips, saying why, where
# the machine cannot (not root, qemu/mmdebstrap not installable, no package registry).
CONCUR_LAB=1 ctest --test-dir build --output-on-failure -L lab

echo "== build with ASAN/UBSAN =="
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCONCUR_SANITIZE=ON -DCONCUR_BENCH=OFF
cmake --build build-asan -j "$jobs"
echo "== tests under ASAN/UBSAN =="
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs" -LE "slow|lab"

echo "== fuzz targets (clang, libFuzzer, ASAN/UBSAN) =="
bash scripts/fuzz.sh "${CONCUR_FUZZ_SECONDS:-20}"
