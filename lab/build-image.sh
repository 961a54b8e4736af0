#!/usr/bin/env bash
# Builds the lab VM: a Debian root filesystem (mmdebstrap, variant minbase, plus the kernel,
# NextEPC's MME and what its boot needs) configured for the lab, as three files booted by qemu
# with -kernel/-initrd and the root on a virtio disk:
#   vmlinuz, initrd.img, rootfs.ext4 in ${XDG_CACHE_HOME:-~/.cache}/concur/lab/image-KEY/
# KEY hashes the inputs (this script, lab.conf, vm/*); an existing complete image is reused
# without network. Packages come from the machine's own apt sources (its `deb` entries).
#
#   lab/build-image.sh [--print-dir]     prints the image folder as the last line of stdout
#
# Needs root (mmdebstrap's root mode, mkfs.ext4 -d keeping owners). Exit 77 when the lab cannot
# be built on this machine (not root, tools not installable, no apt sources, no network).
set -euo pipefail
# shellcheck source=common.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

say() { echo "build-image: $*" >&2; }
die() { echo "build-image: error: $*" >&2; exit 1; }
cannot() { echo "build-image: cannot run: $*" >&2; exit 77; }

image_dir="$(lab_image_dir)"
if [ -f "$image_dir/complete" ]; then
  say "cached image $image_dir (inputs unchanged)"
  echo "$image_dir"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || cannot "building the image needs root (mmdebstrap root mode, device nodes in the root filesystem)"
lab_ensure_tools

# One-line `deb` entries for the lab's suite, from the machine's apt configuration (one-line
# sources.list files and deb822 *.sources; *.disabled* files and `Enabled: no` stanzas skipped).
# Signed-By is kept so that mmdebstrap's apt verifies with the machine's keyring.
machine_deb_entries() {
  local f files=()
  [ -f /etc/apt/sources.list ] && files+=(/etc/apt/sources.list)
  for f in /etc/apt/sources.list.d/*; do
    [ -f "$f" ] || continue
    case "$(basename "$f")" in *.disabled*) continue ;; esac
    files+=("$f")
  done
  for f in "${files[@]}"; do
    case "$f" in
      *.sources)
        awk '
          function flush() {
            if (types ~ /(^| )deb( |$)/ && enabled != "no" && uris != "" && suites != "") {
              opts = (signed != "") ? " [signed-by=" signed "]" : ""
              n = split(uris, u, " "); m = split(suites, s, " ")
              for (i = 1; i <= n; i++) for (j = 1; j <= m; j++)
                print "deb" opts " " u[i] " " s[j] (comps != "" ? " " comps : "")
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
        sed -n -E 's/^[[:space:]]*(deb[[:space:]].*)$/\1/p' "$f"
        ;;
    esac
  done | awk -v suite="$LAB_SUITE" '{ s = $0; sub(/\[[^]]*\]/, "", s); split(s, f, " ")
                                        if (f[3] ~ ("^" suite "(-|/|$)")) print }' | sort -u
}
mapfile -t mirrors < <(machine_deb_entries)
[ ${#mirrors[@]} -gt 0 ] || cannot "no 'deb' entries for suite $LAB_SUITE in /etc/apt/sources.list or /etc/apt/sources.list.d/"
say "apt sources (the machine's own deb entries for $LAB_SUITE):"
printf '    %s\n' "${mirrors[@]}" >&2

mkdir -p "$lab_cache_root"
work="$(mktemp -d "$lab_cache_root/build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
root="$work/root"

start=$(date +%s)
# The initramfs only has to find the root disk: MODULES=list with the virtio disk and ext4 instead of
# Debian's MODULES=most. mkinitramfs runs twice during the install (the kernel's postinst, then
# the trigger udev and kmod activate); with `most` each run took minutes on a loaded machine and
# dominated a cold build. Written before the packages are installed, so both runs use it. The NIC
# driver and SCTP are loaded by the VM's init (vm/concur-lab-init).
initramfs_hook='mkdir -p "$1/etc/initramfs-tools/conf.d" "$1/usr/share/initramfs-tools/modules.d" &&
  echo MODULES=list >"$1/etc/initramfs-tools/conf.d/concur-lab" &&
  printf "%s\n" virtio_pci virtio_blk ext4 >"$1/usr/share/initramfs-tools/modules.d/concur-lab"'
say "mmdebstrap $LAB_SUITE (minbase + $LAB_PACKAGES) into $root; log $work/mmdebstrap.log"
if ! mmdebstrap --variant=minbase --mode=root --include="$LAB_PACKAGES" \
    --setup-hook="$initramfs_hook" \
    --aptopt='APT::Install-Recommends "false"' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    "$LAB_SUITE" "$root" "${mirrors[@]}" >"$work/mmdebstrap.log" 2>&1; then
  tail -n 30 "$work/mmdebstrap.log" >&2
  if grep -qE 'Temporary failure resolving|Could not connect|Failed to fetch|Unable to connect' "$work/mmdebstrap.log"; then
    cannot "mmdebstrap could not reach the apt sources (no network?); see the log above"
  fi
  die "step 'mmdebstrap' failed (last lines above)"
fi
say "mmdebstrap done in $(( $(date +%s) - start )) s"

kernel="$(ls "$root"/boot/vmlinuz-* 2>/dev/null | sort -V | tail -n1)"
initrd="$(ls "$root"/boot/initrd.img-* 2>/dev/null | sort -V | tail -n1)"
[ -n "$kernel" ] || die "no /boot/vmlinuz-* in the root filesystem (linux-image-amd64 not installed?)"
[ -n "$initrd" ] || die "no /boot/initrd.img-* in the root filesystem (initramfs-tools did not run?)"
[ -x "$root/usr/bin/nextepc-mmed" ] || die "no /usr/bin/nextepc-mmed in the root filesystem"

# Configuration: the lab's values into NextEPC's files, the init, and the values for the init.
fill() {  # fill TEMPLATE OUT: replaces @LAB_X@ with $LAB_X for every LAB_ variable of lab.conf
  local script="" v
  for v in $(compgen -v LAB_); do script+="s|@$v@|${!v}|g;"; done
  sed -e "$script" "$1" >"$2"
  if grep -n '@LAB_[A-Z_]*@' "$2" >&2; then die "$1: placeholder(s) above not in lab.conf"; fi
}
fill "$lab_dir/vm/mme.conf.in" "$root/etc/nextepc/mme.conf"
fill "$lab_dir/vm/freeDiameter-mme.conf.in" "$root/etc/nextepc/freeDiameter/mme.conf"
install -D -m 0755 "$lab_dir/vm/concur-lab-init" "$root/usr/local/sbin/concur-lab-init"
install -m 0644 "$lab_dir/lab.conf" "$root/etc/concur-lab.conf"
mkdir -p "$root/run/nextepc-mmed" "$root/var/log/nextepc" "$root/dev/shm"
echo concur-lab >"$root/etc/hostname"

out="$work/out"
mkdir -p "$out"
cp "$kernel" "$out/vmlinuz"
cp "$initrd" "$out/initrd.img"
# Room for logs beside the files; the VM boots the disk with snapshot=on, so the image stays as built.
size_mb=$(( $(du -sm "$root" | cut -f1) + 256 ))
say "mkfs.ext4 -d (${size_mb} MB)"
mkfs.ext4 -q -F -L concur-lab -d "$root" "$out/rootfs.ext4" "${size_mb}M" >"$work/mkfs.log" 2>&1 ||
  { cat "$work/mkfs.log" >&2; die "step 'mkfs.ext4 -d $root' failed"; }
dpkg-query --admindir="$root/var/lib/dpkg" -W -f '${Package} ${Version}\n' >"$out/packages.txt"
date -u +%FT%TZ >"$out/complete"

rm -rf "$image_dir"
mv "$out" "$image_dir"
say "image ready in $(( $(date +%s) - start )) s: $image_dir ($(grep '^nextepc-mme ' "$image_dir/packages.txt"))"
echo "$image_dir"
