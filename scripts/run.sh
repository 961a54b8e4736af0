#!/usr/bin/env bash
# The main job (README.md). Until the runner lands, it is the codec self-check: decode every
# capture in captures/ and in ../shared/captures/real/ (when present) with `concur decode`,
# writing one report per capture (text and JSON statistics) to reports/.
# Exit status: 0 when every message of every capture decoded, 1 otherwise.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target concur
out=${CONCUR_REPORTS:-reports}
mkdir -p "$out"

captures=()
for f in captures/*.pcap captures/*.pcapng "${CONCUR_SHARED_DIR:-../shared}"/captures/real/*.pcap \
         "${CONCUR_SHARED_DIR:-../shared}"/captures/real/*.pcapng; do
  [ -f "$f" ] && captures+=("$f")
done
if [ ${#captures[@]} -eq 0 ]; then
  echo "run: no captures found in captures/ or ../shared/captures/real/"
  exit 1
fi

failed=0
for f in "${captures[@]}"; do
  name=$(basename "$f"); name=${name%.*}
  if ./build/runner/cli/concur decode "$f" > "$out/decode-$name.txt" 2> "$out/decode-$name.errors.txt" &&
     ./build/runner/cli/concur decode --stats --json "$f" > "$out/decode-$name.stats.json" 2>/dev/null; then
    echo "run: $f: $(grep -c . "$out/decode-$name.txt") messages decoded, no errors"
    [ -s "$out/decode-$name.errors.txt" ] || rm -f "$out/decode-$name.errors.txt"
  else
    echo "run: $f: decode errors, see $out/decode-$name.errors.txt"
    failed=1
  fi
done
echo "run: reports in $out/"
exit $failed
