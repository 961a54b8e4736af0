#!/usr/bin/env bash
# The main job (README.md): the full suite against the built-in reference MME, reports in
# reports/ (or $CONCUR_REPORTS):
#   reports/report.html, junit.xml, summary.txt, pcap/<case>.pcap    `concur run`
#   reports/replay/<capture>.txt and .junit.xml                        `concur replay` of every
#       capture in captures/ and ../shared/captures/real/ (when present)
# Exit status: that of `concur run` (0 nothing failed, 1 a test case failed, 2 usage/profile
# error, 3 the tester broke), or 1 when it passed but a replay failed or could not be read.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target concur concur-reference-mme concur-reference-enb
out=${CONCUR_REPORTS:-reports}
mkdir -p "$out/replay"

status=0
./build/runner/cli/concur run --reference --out "$out" || status=$?

shared=${CONCUR_SHARED_DIR:-../shared}
replay_failed=0
for f in captures/*.pcap captures/*/*.pcap "$shared"/captures/real/*.pcap "$shared"/captures/real/*.pcapng; do
  [ -f "$f" ] || continue
  name=$(basename "$f"); name=${name%.*}
  keys=()
  [ -f "$(dirname "$f")/subscribers.keys" ] && keys=(--keys "$(dirname "$f")/subscribers.keys")
  # NAME.profile.xml: the SUT role and the GTPv2-C ports of that capture (captures/README.md).
  [ -f "${f%.*}.profile.xml" ] && keys+=(--profile "${f%.*}.profile.xml")
  rc=0
  ./build/runner/cli/concur replay "$f" "${keys[@]}" --junit "$out/replay/$name.junit.xml" \
    --report "$out/replay/$name.txt" > /dev/null 2> "$out/replay/$name.errors.txt" || rc=$?
  [ -s "$out/replay/$name.errors.txt" ] || rm -f "$out/replay/$name.errors.txt"
  echo "run: replay $f: exit $rc (report $out/replay/$name.txt)"
  # An example capture of a faulty variant is meant to fail: NAME.expected says what it judges.
  want=0
  [ -f "${f%.*}.expected" ] && grep -q ' fail$' "${f%.*}.expected" && want=1
  if [ "$rc" -ne "$want" ]; then
    echo "run: replay $f: exit $rc, expected $want"
    replay_failed=1
  fi
done

echo "run: reports in $out/ (open $out/report.html)"
if [ "$status" -eq 0 ] && [ "$replay_failed" -ne 0 ]; then status=1; fi
exit $status
