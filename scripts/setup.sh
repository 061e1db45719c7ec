#!/usr/bin/env bash
# One-shot set-up for a fresh Debian machine (run as root, or with sudo available):
# system libraries through apt, npm packages, native addons, TypeScript and GUI builds.
# Safe to run again: every step skips work that is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages. libopus/libvpx: the media addon links them. ffmpeg: ffprobe checks
# recorded IVF/Ogg files in tests. chromium: GUI tests (playwright-core drives it, no
# browser download). iproute2/iptables: network-namespace tests (mDNS between two hosts, the
# NAT lab's routers). miniupnpd-iptables: the lab's UPnP gateway (run only inside a test's
# namespace; the package starts no service here). sqlite3: tests check that the encrypted
# database is unreadable without its key.
APT_PACKAGES=(build-essential python3 pkg-config libopus-dev libvpx-dev ffmpeg chromium iproute2 iptables miniupnpd-iptables sqlite3)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "[setup] installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "[setup] system packages present"
fi

echo "[setup] installing npm packages (better-sqlite3-multiple-ciphers builds from source: about two minutes)"
if [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  echo "[setup] node_modules up to date"
else
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "[setup] building native addons"
npm run --if-present --workspaces build:native

echo "[setup] building TypeScript"
npx tsc -b

echo "[setup] building GUI"
npm run --if-present -w packages/gui build

echo "[setup] done"
