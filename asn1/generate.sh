#!/usr/bin/env bash
# Build step behind the concur_s1ap_asn target (asn1/CMakeLists.txt runs it; rerun only when its
# inputs change): fetch + verify the modules, normalise them, run asn1c, check the file list.
#
#   asn1/generate.sh OUT_DIR
#
# Writes OUT_DIR/c/ (asn1c output: generated types + runtime skeletons), OUT_DIR/cpp/ (IE tables
# and id constants from normalise.py), OUT_DIR/normalised/ and OUT_DIR/stamp. CONCUR_ASN1_DIR,
# when set, names a folder holding the modules (see fetch-modules.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: generate.sh OUT_DIR}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

modules="$("$here/fetch-modules.sh" --print-dir)"
echo "generate: modules from $modules"

stage="$(mktemp -d "$out/.stage.XXXXXX")"
trap 'rm -rf "$stage"' EXIT

python3 "$here/normalise.py" --modules "$modules" --out "$stage/tables"

mkdir -p "$stage/c"
# The exact command line asn1/README.md documents.
asn1c_cmd=(asn1c -gen-PER -fcompound-names -fno-include-deps -pdu=all)
echo "generate: (cd c && ${asn1c_cmd[*]} ../tables/normalised/*.asn)"
# Relative paths: asn1c writes them into every file's header, which must not vary between runs.
if ! (cd "$stage/c" && "${asn1c_cmd[@]}" ../tables/normalised/*.asn) >"$stage/asn1c.log" 2>&1; then
  cat "$stage/asn1c.log" >&2
  echo "generate: error: asn1c failed on the normalised modules (log above)" >&2
  exit 1
fi
python3 "$here/asn1c_sources.py" "$stage/c" --check "$here/generated-c-files.txt"

# Replace only files whose content changed: Ninja re-checks outputs after the step (restat),
# so an edit to the scripts that leaves the generated code alone recompiles nothing.
sync_dir() {
  # One process for ~1400 files: spawning cmp/cp per file is slow on a loaded machine.
  python3 - "$1" "$2" <<'PY'
import filecmp, os, shutil, sys
src, dst = sys.argv[1:3]
os.makedirs(dst, exist_ok=True)
names = set(os.listdir(src))
for n in names:
    s, d = os.path.join(src, n), os.path.join(dst, n)
    if not (os.path.isfile(d) and filecmp.cmp(s, d, shallow=False)):
        shutil.copyfile(s, d)
for n in os.listdir(dst):
    if n not in names:
        os.remove(os.path.join(dst, n))
PY
}
mkdir -p "$stage/cpp"
mv "$stage/tables/s1ap_ie_tables.cpp" "$stage/tables/s1ap_ids.h" "$stage/tables/ie_tables.txt" "$stage/cpp/"
sync_dir "$stage/c" "$out/c"
sync_dir "$stage/cpp" "$out/cpp"
sync_dir "$stage/tables/normalised" "$out/normalised"
date -u +%FT%TZ > "$out/stamp"
echo "generate: $(wc -l < "$here/generated-c-files.txt") C files in $out/c, IE tables in $out/cpp"
