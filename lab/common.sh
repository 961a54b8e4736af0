# Shared by lab/build-image.sh and lab/lab.sh (sourced, not run).
lab_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lab.conf
. "$lab_dir/lab.conf"
lab_cache_root="${CONCUR_LAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/concur/lab}"

# The image is keyed by everything that goes into it: a change to one of these files gives a new
# key, hence a rebuild; an unchanged set reuses the cached image.
lab_image_key() {
  (cd "$lab_dir" && cat build-image.sh lab.conf vm/concur-lab-init vm/mme.conf.in vm/freeDiameter-mme.conf.in) |
    sha256sum | cut -c1-16
}
lab_image_dir() { echo "$lab_cache_root/image-$(lab_image_key)"; }

# Installs the host tools the lab needs when missing. They are not in scripts/setup.sh because
# the lab is not part of the default set-up (it needs root, a network and minutes of emulation).
# Exits 77 (the ctest "cannot run here" code) when they cannot be installed.
lab_ensure_tools() {
  local missing=()
  command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
  command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
  command -v qemu-img >/dev/null || missing+=(qemu-utils)
  command -v mkfs.ext4 >/dev/null || missing+=(e2fsprogs)
  command -v ip >/dev/null || missing+=(iproute2)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || { echo "lab: cannot run: missing ${missing[*]} and not root to install them" >&2; exit 77; }
  echo "lab: installing ${missing[*]}" >&2
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2; then
    echo "lab: cannot run: 'apt-get install ${missing[*]}' failed (no network to the apt sources?)" >&2
    exit 77
  fi
}
