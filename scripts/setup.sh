#!/usr/bin/env bash
# Installs the Debian packages concur builds, tests and runs with. Idempotent: packages that
# are already installed are left alone, and apt is only asked when something is missing.
# Why each package is here: README.md, "Dependencies".
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build python3     # build
  asn1c                                                     # S1AP types from the 3GPP ASN.1
  libgtest-dev libgmock-dev googletest                      # our tests
  libbenchmark-dev                                          # benchmarks
  libpugixml-dev                                            # test cases and SUT profiles (XML)
  libssl-dev                                                # AES, CMAC, HMAC-SHA-256
  libpcap-dev                                               # capture reader
  libsctp-dev libusrsctp-dev                                # kernel and userspace SCTP
  tshark                                                    # independent judge of our encoders
  chromium                                                  # headless render test of the HTML report
  libxml2-utils                                             # xmllint: JUnit reports validated against the JUnit schema
  clang libclang-rt-14-dev                                  # libFuzzer + sanitizers for fuzz targets
  iproute2                                                  # network namespaces for userspace SCTP tests
  bzip2 xz-utils ca-certificates                            # unpacking the wireshark source (3GPP modules)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} Debian packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

echo "setup: installing ${#missing[@]} missing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer no without a prompt.
echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "setup: done"
