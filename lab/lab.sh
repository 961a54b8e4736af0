#!/usr/bin/env bash
# The NextEPC lab: NextEPC's MME in a qemu VM (kernel SCTP, which this machine may lack), reached
# over a tap device inside a network namespace of its own, on link-local addresses (lab.conf).
#
#   lab/lab.sh up       builds the image when not cached, makes the namespace and the tap, boots
#                       the VM and returns once the MME's SCTP listener is up (bounded wait)
#   lab/lab.sh down     stops the VM by its PID file, deletes the namespace (idempotent)
#   lab/lab.sh status   says whether the lab is up; exit 0 up, 3 down
#   lab/lab.sh ns       prints the namespace name
#
# Environment: CONCUR_LAB_NAME (namespace name, default concur-lab), CONCUR_LAB_STATE (folder for
# the PID file and serial log, default /run/concur-lab/NAME), CONCUR_LAB_BOOT_TIMEOUT (seconds,
# default 600: software emulation is slow on a loaded machine), CONCUR_LAB_MEM_MB (default 512).
# Exit 77 when the lab cannot run here (not root, tools not installable, no network for the
# first image build): callers such as the ctest test skip on it.
set -euo pipefail
# shellcheck source=common.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

name="${CONCUR_LAB_NAME:-concur-lab}"
state="${CONCUR_LAB_STATE:-/run/concur-lab/$name}"
boot_timeout="${CONCUR_LAB_BOOT_TIMEOUT:-600}"
mem_mb="${CONCUR_LAB_MEM_MB:-512}"
tap=concurlab0   # lives in the lab's own namespace, so one fixed name never clashes
pid_file="$state/qemu.pid"
log="$state/serial.log"

say() { echo "lab: $*" >&2; }
die() { echo "lab: error: $*" >&2; exit 1; }
cannot() { echo "lab: cannot run: $*" >&2; exit 77; }

ns_exists() { [ -e "/run/netns/$name" ]; }

# The qemu PID from the PID file, only when that process is still the lab's qemu (a PID file
# left behind must not make us signal an unrelated process that reused the number).
qemu_pid() {
  local pid
  [ -s "$pid_file" ] || return 1
  pid="$(tr -dc 0-9 <"$pid_file")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "qemu-system-x86_64 .*-name $name " || return 1
  echo "$pid"
}

cmd_down() {
  local pid i
  if pid="$(qemu_pid)"; then
    say "stopping qemu (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    if [ -d "/proc/$pid" ]; then say "qemu $pid ignored SIGTERM for 10 s, sending SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$pid_file"
  if ns_exists; then
    say "deleting namespace $name"
    ip netns del "$name" || die "ip netns del $name failed"
  fi
}

cmd_status() {
  local pid
  if pid="$(qemu_pid)" && ns_exists && grep -q '^concur-lab: ready' "$log" 2>/dev/null; then
    echo "up: namespace $name, S1 $LAB_VM_ADDR:36412 from $LAB_RUNNER_ADDR, qemu pid $pid, serial log $log"
    return 0
  fi
  echo "down (namespace $name: $(ns_exists && echo present || echo absent), qemu: ${pid:-not running})"
  return 3
}

# Waits for the VM's init to report on the serial console: "concur-lab: ready ..." once the
# kernel lists NextEPC's SCTP listener, or "concur-lab: failed: ...". Bounded by boot_timeout;
# gives up at once when qemu exits.
wait_ready() {
  local pid="$1" deadline=$(( $(date +%s) + boot_timeout ))
  while :; do
    if grep -q '^concur-lab: ready' "$log" 2>/dev/null; then return 0; fi
    if grep -q '^concur-lab: failed' "$log" 2>/dev/null; then
      say "$(grep -m1 '^concur-lab: failed' "$log")"; return 1
    fi
    [ -d "/proc/$pid" ] || { say "qemu (pid $pid) exited before the MME was ready"; return 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { say "the MME did not listen on SCTP 36412 within ${boot_timeout} s (CONCUR_LAB_BOOT_TIMEOUT)"; return 1; }
    sleep 0.5
  done
}

cmd_up() {
  [ "$(id -u)" -eq 0 ] || cannot "needs root (network namespace, tap device, raw IP for userspace SCTP)"
  if cmd_status >/dev/null; then cmd_status; return 0; fi
  lab_ensure_tools
  local image_dir
  image_dir="$("$lab_dir/build-image.sh" | tail -n1)"   # exit 77/1 propagate through set -e
  [ -f "$image_dir/rootfs.ext4" ] || die "build-image.sh printed '$image_dir', which holds no rootfs.ext4"

  cmd_down   # leftovers of an earlier run (stale PID file, namespace) go first
  mkdir -p "$state"
  : >"$log"
  say "namespace $name, $tap with $LAB_RUNNER_ADDR/$LAB_PREFIX_LEN"
  ip netns add "$name" || die "ip netns add $name failed"
  ip -n "$name" link set lo up
  ip -n "$name" tuntap add dev "$tap" mode tap || { cmd_down; die "ip tuntap add $tap in namespace $name failed (is /dev/net/tun there?)"; }
  local a
  for a in $(printf '%s\n' "$LAB_RUNNER_ADDR" "$LAB_HSS_ADDR" "$LAB_SGW_ADDR" "$LAB_PGW_ADDR" | sort -u); do
    ip -n "$name" addr add "$a/$LAB_PREFIX_LEN" dev "$tap"
  done
  ip -n "$name" link set "$tap" up

  local start qemu_out
  start=$(date +%s.%N)
  # TCG: this machine has no KVM. snapshot=on: the VM's writes go to a temporary overlay, so the
  # cached image stays as built. -no-reboot with panic=-1: a kernel panic ends qemu, not loops.
  # nice 19: NextEPC busy-polls, so the VM takes a whole core; the machine is shared with builds.
  if ! qemu_out="$(ip netns exec "$name" nice -n 19 qemu-system-x86_64 -name "$name" \
      -machine q35 -accel tcg -cpu max -smp 1 -m "$mem_mb" \
      -display none -no-reboot -daemonize -pidfile "$pid_file" -serial "file:$log" \
      -kernel "$image_dir/vmlinuz" -initrd "$image_dir/initrd.img" \
      -append "root=/dev/vda rw init=/usr/local/sbin/concur-lab-init console=ttyS0 panic=-1 net.ifnames=0" \
      -drive "file=$image_dir/rootfs.ext4,format=raw,if=virtio,snapshot=on" \
      -netdev "tap,id=lab0,ifname=$tap,script=no,downscript=no" -device virtio-net-pci,netdev=lab0 2>&1)"; then
    echo "$qemu_out" >&2; cmd_down; die "qemu did not start (see above)"
  fi
  local pid
  pid="$(qemu_pid)" || { cmd_down; die "qemu started but $pid_file names no running qemu"; }
  say "qemu pid $pid booting; serial log $log"
  if ! wait_ready "$pid"; then
    say "last lines of $log:"; tail -n 25 "$log" >&2 || true
    cmd_down
    die "lab not ready; the serial log is $log"
  fi
  say "ready in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s from qemu start to the SCTP listener"
  cmd_status
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  ns) echo "$name" ;;
  *) echo "usage: lab/lab.sh up|down|status|ns" >&2; exit 2 ;;
esac
