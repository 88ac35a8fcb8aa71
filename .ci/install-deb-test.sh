#!/usr/bin/env bash
# Installs dist/devpath_VERSION_ARCH.deb on a fresh, minimal Debian 12
# (debootstrap --variant=minbase, in a chroot) with "apt install ./….deb",
# as a person would: apt must bring every library the package needs. Then,
# as a user who never built devpath, runs "devpath --version" and
# "devpath status", and checks the files the package installs. Finally it
# removes and purges the package and checks that the user's data is still
# there. Needs root and debootstrap (make deps installs it).
#
# Usage: .ci/install-deb-test.sh [DEB]   (default: the .deb in dist/)
#   DEB_TEST_ROOT=DIR keeps the bootstrapped system in DIR and reuses it
#   (the package is removed again at the end, so the next run starts clean).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { echo "install-deb-test: $*"; }
fail() { echo "install-deb-test: FAIL: $*" >&2; exit 1; }
((EUID == 0)) || fail "needs root (debootstrap, chroot)"
command -v debootstrap >/dev/null 2>&1 || fail "debootstrap is not installed (run make deps)"
deb=${1:-}
if [[ -z $deb ]]; then
  debs=(dist/devpath_*.deb)
  [[ -f ${debs[0]} ]] || fail "no dist/devpath_*.deb (make package)"
  deb=${debs[0]}
fi
[[ -f $deb ]] || fail "$deb does not exist"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/devpath-install.XXXXXX")
root=${DEB_TEST_ROOT:-$tmp/root}
unmount() { for m in dev/pts dev sys proc; do umount "$root/$m" 2>/dev/null || true; done; }
cleanup() { local rc=$?; unmount; rm -rf --one-file-system "$tmp"; exit "$rc"; }
trap cleanup EXIT

mirror=$(sed -n 's/^URIs: //p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | sed -n 1p)
mirror=${mirror:-http://deb.debian.org/debian}
if [[ ! -x $root/usr/bin/apt-get ]]; then
  say "debootstrap --variant=minbase bookworm $root"
  start=$SECONDS
  mkdir -p "$root"
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$tmp/debootstrap.log" 2>&1 ||
    { tail -20 "$tmp/debootstrap.log"; fail "debootstrap failed"; }
  say "bootstrapped in $((SECONDS - start))s"
fi
cp /etc/apt/sources.list.d/debian.sources "$root/etc/apt/sources.list.d/" 2>/dev/null || true
cp /etc/resolv.conf "$root/etc/resolv.conf"
# A network behind a TLS-inspecting proxy is trusted through local CA files.
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
fi
for m in proc sys dev dev/pts; do mountpoint -q "$root/$m" || mount --bind "/$m" "$root/$m"; done
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

if in_root dpkg-query -W devpath >/dev/null 2>&1; then fail "devpath is installed in $root already"; fi
cp "$deb" "$root/tmp/"
name=$(basename "$deb")
say "apt install ./$name"
in_root apt-get update -qq >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log"; fail "apt-get update failed"; }
start=$SECONDS
in_root apt-get install -y -q "./tmp/$name" >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log"; fail "apt install failed"; }
say "installed in $((SECONDS - start))s: $(grep -E '^[0-9]+ upgraded' "$tmp/apt.log")"

id=$(in_root sh -c 'ls /usr/share/metainfo/ | sed -n "s/\.metainfo\.xml$//p"')
for f in /usr/bin/devpath /usr/share/man/man1/devpath.1.gz /usr/share/bash-completion/completions/devpath \
  /usr/share/zsh/vendor-completions/_devpath "/usr/share/applications/$id.desktop" \
  "/usr/share/metainfo/$id.metainfo.xml" "/usr/share/icons/hicolor/512x512/apps/$id.png" \
  "/usr/share/icons/hicolor/scalable/apps/$id.svg" /usr/share/doc/devpath/copyright; do
  [[ -e $root$f ]] || fail "the package did not install $f"
done
say "installed: /usr/bin/devpath, the man page, completions, $id.desktop, metainfo, icons"

in_root useradd --create-home --shell /bin/bash sam 2>/dev/null || true
as_sam() { chroot --userspec=sam:sam "$root" env -i HOME=/home/sam USER=sam PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"; }
say "as sam, who never built devpath:"
echo "\$ devpath --version"
as_sam devpath --version || fail "devpath --version failed"
echo "\$ devpath status"
as_sam devpath status || fail "devpath status failed"
[[ -s $root/home/sam/.local/share/devpath/devpath.db ]] || fail "no database in ~/.local/share/devpath"
in_root bash -c '. /usr/share/bash-completion/completions/devpath; COMP_WORDS=(devpath sta); COMP_CWORD=1; _devpath; [[ ${COMPREPLY[*]} == status ]]' ||
  fail "the bash completion does not complete 'sta' to status"

say "apt-get purge devpath"
in_root apt-get purge -y -q devpath >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log"; fail "purge failed"; }
[[ ! -e $root/usr/bin/devpath ]] || fail "/usr/bin/devpath is still there"
[[ -s $root/home/sam/.local/share/devpath/devpath.db ]] || fail "removing the package removed the user's database"
in_root userdel --remove sam 2>/dev/null || true
say "removed; sam's database is untouched"
say "passed"
