#!/usr/bin/env bash
# The whole suite against a real MME: NextEPC 0.3.10 (Debian's nextepc-mme) in the lab's VM
# (lab/README.md), reports in reports/nextepc/ (or $CONCUR_REPORTS) exactly as `concur run`
# writes them against the reference MME: report.html, junit.xml, summary.txt, pcap/<case>.pcap.
#   bash scripts/run-nextepc.sh [concur run options, e.g. --filter 'R3-*']
# Needs root (network namespace, tap device) and, the first time, the package registry (the VM
# image is built from Debian packages and cached). The lab is always taken down again, by PID.
# Exit status: that of `concur run` (0 nothing failed, 1 a test case failed, 2 usage/profile
# error, 3 the tester broke), or 4 when the lab could not be brought up.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
[ "$(id -u)" -eq 0 ] || { echo "run-nextepc: needs root (the lab makes a network namespace and a tap device)" >&2; exit 4; }
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target concur
out=${CONCUR_REPORTS:-reports/nextepc}
mkdir -p "$out"

trap 'bash lab/lab.sh down >/dev/null 2>&1 || true' EXIT
bash lab/lab.sh up || { echo "run-nextepc: the lab did not come up (see above)" >&2; exit 4; }
status=0
ip netns exec "$(bash lab/lab.sh ns)" ./build/runner/cli/concur run --profile testcases/profiles/nextepc.xml \
  --out "$out" "$@" || status=$?
echo "run-nextepc: concur run exit $status; reports in $out/ (what each verdict means for NextEPC: lab/INTEROP.md)"
exit "$status"
