#!/usr/bin/env bash
# Obtains the seven S1AP ASN.1 modules of TS 36.413 V17.1.0 and verifies them against
# asn1/modules.sha256. The modules are not ours to commit, so they come from Debian's `wireshark`
# 4.0.17 source package (folder epan/dissectors/asn1/s1ap/ of the upstream tarball).
#
#   asn1/fetch-modules.sh [--print-dir]
#
# Where the modules come from, in this order:
#   1. $CONCUR_ASN1_DIR, if set: a folder the user filled; verified, never written to.
#   2. the cache ${XDG_CACHE_HOME:-$HOME/.cache}/concur/asn1/: used as is when every module verifies
#      (no network then).
#   3. otherwise the Debian source package, fetched with apt WITHOUT touching the machine's apt
#      configuration: a private sources file whose deb-src entries are derived from the deb entries
#      the machine already lists, private lists and cache folders, all in a temporary folder.
# Prints the folder holding the verified modules as the last line of stdout (with --print-dir,
# only that line). Exits non-zero with a message naming the step or file that failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sums_file="$here/modules.sha256"
print_dir_only=0
[ "${1:-}" = "--print-dir" ] && print_dir_only=1

say() { if [ $print_dir_only -eq 0 ]; then echo "fetch-modules: $*"; else echo "fetch-modules: $*" >&2; fi; }
die() { echo "fetch-modules: error: $*" >&2; exit 1; }

[ -r "$sums_file" ] || die "missing $sums_file"
mapfile -t module_names < <(awk 'NF==2 {print $2}' "$sums_file")
[ ${#module_names[@]} -gt 0 ] || die "$sums_file lists no modules"

# verify DIR: 0 when every module listed in modules.sha256 is in DIR with the listed SHA-256.
# With `loud`, names each missing or mismatching file.
verify() {
  local dir="$1" loud="${2:-}" ok=0 name want got
  while read -r want name; do
    [ -n "$name" ] || continue
    if [ ! -f "$dir/$name" ]; then
      [ -n "$loud" ] && echo "fetch-modules: $dir/$name: missing" >&2
      ok=1; continue
    fi
    got="$(sha256sum "$dir/$name" | awk '{print $1}')"
    if [ "$got" != "$want" ]; then
      [ -n "$loud" ] && echo "fetch-modules: $dir/$name: SHA-256 mismatch: expected $want, got $got" >&2
      ok=1
    fi
  done < "$sums_file"
  return $ok
}

done_with() {
  if [ $print_dir_only -eq 1 ]; then echo "$1"; else say "modules verified in $1"; echo "$1"; fi
  exit 0
}

# 1. A folder given by the user.
if [ -n "${CONCUR_ASN1_DIR:-}" ]; then
  say "using CONCUR_ASN1_DIR=$CONCUR_ASN1_DIR"
  [ -d "$CONCUR_ASN1_DIR" ] || die "CONCUR_ASN1_DIR=$CONCUR_ASN1_DIR is not a folder"
  verify "$CONCUR_ASN1_DIR" loud || die "modules in CONCUR_ASN1_DIR do not match asn1/modules.sha256 (see above)"
  done_with "$(cd "$CONCUR_ASN1_DIR" && pwd)"
fi

# 2. The cache.
cache="${XDG_CACHE_HOME:-$HOME/.cache}/concur/asn1"
if [ -d "$cache" ] && verify "$cache"; then
  say "cache $cache verified, nothing to fetch"
  done_with "$cache"
fi
if [ -d "$cache" ]; then
  say "cache $cache incomplete or stale, fetching again:"
  verify "$cache" loud || true
fi

# 3. The Debian source package.
command -v apt-get >/dev/null || die "apt-get not found: give the modules with CONCUR_ASN1_DIR instead"
command -v tar >/dev/null || die "tar not found"

work="$(mktemp -d "${TMPDIR:-/tmp}/concur-asn1.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/src"

# Derives one-line `deb-src` entries from the machine's `deb` entries: one-line sources.list
# files and deb822 *.sources files; files named *.disabled* are skipped, as are stanzas with
# `Enabled: no`. Options such as signed-by are carried over so that signatures still verify.
derive_deb_src() {
  local f
  local files=()
  [ -f /etc/apt/sources.list ] && files+=(/etc/apt/sources.list)
  for f in /etc/apt/sources.list.d/*; do
    [ -f "$f" ] || continue
    case "$(basename "$f")" in *.disabled*) continue ;; esac
    files+=("$f")
  done
  for f in "${files[@]}"; do
    case "$f" in
      *.sources)
        # deb822: stanzas separated by blank lines; '#' lines are comments.
        awk '
          function flush() {
            if (types ~ /(^| )deb( |$)/ && enabled != "no" && uris != "" && suites != "") {
              opts = (signed != "") ? " [signed-by=" signed "]" : ""
              n = split(uris, u, " "); m = split(suites, s, " ")
              for (i = 1; i <= n; i++) for (j = 1; j <= m; j++)
                print "deb-src" opts " " u[i] " " s[j] (comps != "" ? " " comps : "")
            }
            types = uris = suites = comps = signed = enabled = ""
          }
          /^#/ { next }
          /^[ \t]*$/ { flush(); next }
          {
            key = tolower($1); sub(/:$/, "", key)
            val = $0; sub(/^[^:]*:[ \t]*/, "", val); gsub(/[ \t]+/, " ", val)
            if (key == "types") types = val
            else if (key == "uris") uris = val
            else if (key == "suites") suites = val
            else if (key == "components") comps = val
            else if (key == "signed-by") signed = val
            else if (key == "enabled") enabled = tolower(val)
          }
          END { flush() }' "$f"
        ;;
      *.list | */sources.list)
        # one-line: "deb [opts] uri suite comps..." -> "deb-src [opts] uri suite comps..."
        sed -n -E 's/^[[:space:]]*deb([[:space:]]+)/deb-src\1/p' "$f"
        ;;
    esac
  done | sort -u
}

derive_deb_src > "$work/sources.list"
[ -s "$work/sources.list" ] || die "no 'deb' entries found in /etc/apt/sources.list or /etc/apt/sources.list.d/: cannot derive deb-src entries (give the modules with CONCUR_ASN1_DIR)"
say "private deb-src entries (derived from the machine's deb entries):"
sed 's/^/    /' "$work/sources.list" >&2

apt_opts=(
  -o "Dir::Etc::SourceList=$work/sources.list"
  -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$work/lists"
  -o "Dir::Cache=$work/cache"
  -o "Dir::Cache::pkgcache="
  -o "Dir::Cache::srcpkgcache="
  # The private folders belong to whoever runs this; apt's download sandbox user may not write them.
  -o "APT::Sandbox::User=$(id -un)"
)

say "apt-get update (private lists in $work/lists)"
if ! apt-get "${apt_opts[@]}" -q update >"$work/update.log" 2>&1; then
  cat "$work/update.log" >&2
  die "step 'apt-get update' with the private deb-src list failed (see above)"
fi
if grep -qE '^(W|E):' "$work/update.log"; then grep -E '^(W|E):' "$work/update.log" >&2; fi

say "apt-get source --download-only wireshark (about 47 MB)"
if ! (cd "$work/src" && apt-get "${apt_opts[@]}" -q source --download-only wireshark) >"$work/source.log" 2>&1; then
  cat "$work/source.log" >&2
  die "step 'apt-get source --download-only wireshark' failed (see above)"
fi

tarball="$(find "$work/src" -maxdepth 1 -name 'wireshark_*.orig.tar.*' ! -name '*.asc' | head -n1)"
[ -n "$tarball" ] || die "no wireshark_*.orig.tar.* among the downloaded files: $(ls "$work/src")"
say "downloaded $(basename "$tarball"); extracting epan/dissectors/asn1/s1ap/*.asn only"

mkdir -p "$work/extract"
if ! tar -xf "$tarball" -C "$work/extract" --wildcards --no-anchored 'epan/dissectors/asn1/s1ap/*.asn' 2>"$work/tar.log"; then
  cat "$work/tar.log" >&2
  die "step 'extract S1AP modules from $(basename "$tarball")' failed"
fi
asn_dir="$(find "$work/extract" -type d -path '*/epan/dissectors/asn1/s1ap' | head -n1)"
[ -n "$asn_dir" ] || die "the tarball holds no epan/dissectors/asn1/s1ap folder"

verify "$asn_dir" loud || die "modules from $(basename "$tarball") do not match asn1/modules.sha256 (see above); nothing cached"

mkdir -p "$cache"
for name in "${module_names[@]}"; do
  cp "$asn_dir/$name" "$cache/$name.tmp"
  mv "$cache/$name.tmp" "$cache/$name"
done
verify "$cache" loud || die "cache $cache does not verify after copying"
say "cached ${#module_names[@]} modules in $cache"
done_with "$cache"
