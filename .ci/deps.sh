#!/usr/bin/env bash
# Installs the system packages that building and testing devpath need on
# Debian or Ubuntu, and does nothing when they are all there.
#
# Build: a C compiler and libc headers (cgo: GLFW and SQLite), pkg-config,
# the OpenGL, X11, Wayland and xkbcommon headers that Fyne's GLFW compiles
# against. Window tests: Xvfb, Mesa's software OpenGL, xwininfo (x11-utils),
# xdotool, ImageMagick and xclip (to read the clipboard). Packaging: xz-utils. PDF tests: pdftotext and
# pdftoppm (poppler-utils) to read the documents back, fontconfig to find
# fonts, and TrueType fonts for the scripts the embedded Go fonts lack:
# Chinese, Japanese and Korean (fonts-wqy-zenhei, a font collection) and
# Arabic (fonts-dejavu-core). Team tests: PostgreSQL (postgresql: initdb,
# pg_ctl and the server, which the tests of tracker/team start on a Unix
# socket in a temporary folder). Desktop metadata: appstream (appstreamcli)
# and desktop-file-utils (desktop-file-validate) check the metainfo and the
# desktop file; librsvg2-bin (rsvg-convert) draws the scalable icon to
# compare it with the PNGs. Debian package: dpkg-dev (dpkg-shlibdeps),
# lintian. Windows: gcc-mingw-w64-x86-64 cross-compiles the cgo code, wine
# and wine64 run the Windows build in the tests; debootstrap builds the fresh
# Debian that .ci/install-deb-test.sh installs the package on.
#
# Usage: .ci/deps.sh [--check]   (--check lists what is missing, installs nothing)
set -euo pipefail

packages=(
  gcc libc6-dev pkg-config
  libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev
  xvfb libgl1-mesa-dri x11-utils xdotool imagemagick
  xz-utils ca-certificates git xclip
  poppler-utils fontconfig fonts-wqy-zenhei fonts-dejavu-core
  postgresql
  dbus-daemon dbus-bin
  appstream desktop-file-utils librsvg2-bin dpkg-dev lintian
  gcc-mingw-w64-x86-64 wine wine64 debootstrap
)

check_only=false
case "${1:-}" in
  --check) check_only=true ;;
  "") ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "deps: not a Debian-based system; make sure the equivalents of these are installed: ${packages[*]}"
  exit 0
fi

installed() {
  # "ii" = wanted install, currently installed; half-installed or removed
  # packages (with config files left) do not count.
  [[ $(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null) == ii* ]]
}

missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "deps: all system packages are installed"
  exit 0
fi

if $check_only; then
  echo "deps: missing: ${missing[*]}"
  exit 1
fi

sudo=()
if ((EUID != 0)); then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "deps: missing ${missing[*]}; run as root or install sudo" >&2
    exit 1
  fi
  sudo=(sudo)
fi

echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$log" 2>&1; then
  cat "$log" >&2
  echo "deps: apt-get update failed" >&2
  exit 1
fi
if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
  cat "$log" >&2
  echo "deps: apt-get install failed" >&2
  exit 1
fi

still=()
for p in "${missing[@]}"; do
  installed "$p" || still+=("$p")
done
if ((${#still[@]} > 0)); then
  echo "deps: still missing after install: ${still[*]}" >&2
  exit 1
fi
echo "deps: installed ${#missing[@]} package(s)"
