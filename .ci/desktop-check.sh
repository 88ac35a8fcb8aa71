#!/usr/bin/env bash
# Checks devpath's desktop integration as packages install it: writes the
# desktop entry, the AppStream metainfo and the icons with .ci/desktopfiles
# into a temporary folder, then
#   - appstreamcli validate --no-net: no error or warning;
#   - desktop-file-validate: no error or warning;
#   - the desktop entry's Icon= names an icon at every size and an SVG;
#   - the window's X11 class (WM_CLASS, read with xprop from devpath's real
#     window on an Xvfb of its own) is the entry's StartupWMClass, so that a
#     dock or task bar groups the window with its launcher.
# Usage: .ci/desktop-check.sh [--bin FILE]   (default: builds bin/devpath)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source .ci/goflags.sh

bin=""
case "${1:-}" in
  --bin) bin=${2:?--bin wants a file} ;;
  "") ;;
  *) echo "usage: $0 [--bin FILE]" >&2; exit 2 ;;
esac
say() { echo "desktop-check: $*"; }
fail() { echo "desktop-check: FAIL: $*" >&2; exit 1; }
for tool in appstreamcli desktop-file-validate xprop Xvfb xwininfo; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed (run make deps)"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/devpath-desktop.XXXXXX")
xvfb_pid="" app_pid=""
cleanup() {
  local rc=$?
  set +e
  [[ -n $app_pid ]] && { kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null; }
  [[ -n $xvfb_pid ]] && { kill "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null; }
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT

go run ./.ci/desktopfiles -out "$tmp/usr"
id=$(sed -n 's/^ID = "\(.*\)"$/\1/p' FyneApp.toml)
desktop=$tmp/usr/share/applications/$id.desktop
metainfo=$tmp/usr/share/metainfo/$id.metainfo.xml

say "appstreamcli validate --no-net $(basename "$metainfo")"
# Errors and warnings fail, and so does any info but one: Debian 12's
# AppStream 0.16 predates <developer> (AppStream 1.0, which Flathub asks
# for) and reports it as an unknown tag.
out=$(appstreamcli validate --no-net "$metainfo" 2>&1) || { echo "$out"; fail "the metainfo does not validate"; }
echo "$out"
if grep -E '^[EWI]: ' <<<"$out" | grep -v -E '^I: [^ ]+ unknown-tag developer$'; then
  fail "appstreamcli reports the issues above"
fi
# What Flathub asks of a metainfo that AppStream 0.16 does not check.
for want in "<id>$id</id>" '<metadata_license>' '<name>' '<summary>' '<developer id=' '<description>' \
  "<launchable type=\"desktop-id\">$id.desktop</launchable>" '<screenshot type="default">' \
  '<content_rating type="oars-1.1"' '<release version="'"$(sed -n 's/^Version = "\(.*\)"$/\1/p' FyneApp.toml)"'"'; do
  grep -qF -- "$want" "$metainfo" || fail "the metainfo lacks $want"
done

say "desktop-file-validate $(basename "$desktop")"
out=$(desktop-file-validate "$desktop" 2>&1) || { echo "$out"; fail "the desktop entry does not validate"; }
if grep -E ': (error|warning): ' <<<"$out"; then fail "desktop-file-validate warns"; fi
[[ -z $out ]] || echo "$out"

icon=$(sed -n 's/^Icon=//p' "$desktop")
[[ $icon == "$id" ]] || fail "Icon=$icon, want the application id $id"
for size in 16 32 48 64 128 256 512; do
  png=$tmp/usr/share/icons/hicolor/${size}x${size}/apps/$icon.png
  [[ $(identify -format '%wx%h' "$png" 2>/dev/null) == "${size}x${size}" ]] || fail "no ${size}x${size} icon $png"
done
[[ -s $tmp/usr/share/icons/hicolor/scalable/apps/$icon.svg ]] || fail "no scalable icon"
say "icons: 16 to 512 pixels and scalable, named $icon"

# The window's class, from a real window.
if [[ -z $bin ]]; then
  go build -o bin/devpath .
  bin=$PWD/bin/devpath
fi
source .ci/xvfb.sh
start_xvfb 141 160 || fail "could not start Xvfb on any display from :141 to :160"
mkdir -p "$tmp/home"
HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config XDG_DATA_HOME=$tmp/home/.local/share \
  DISPLAY=$display LIBGL_ALWAYS_SOFTWARE=1 "$bin" >"$tmp/app.log" 2>&1 &
app_pid=$!
class=""
for _ in $(seq 1 120); do
  win=$(xwininfo -display "$display" -root -children 2>/dev/null | awk '!found && /"devpath"/ {print $1; found = 1}')
  if [[ -n $win ]]; then
    class=$(xprop -display "$display" -id "$win" WM_CLASS 2>/dev/null | sed -n 's/^WM_CLASS(STRING) = //p')
    [[ -n $class ]] && break
  fi
  kill -0 "$app_pid" 2>/dev/null || { cat "$tmp/app.log"; fail "devpath exited before its window showed"; }
  sleep 0.25
done
[[ -n $class ]] || { cat "$tmp/app.log"; fail "no devpath window with a WM_CLASS within 30 seconds"; }
want=$(sed -n 's/^StartupWMClass=//p' "$desktop")
# WM_CLASS is "instance", "class"; a dock matches StartupWMClass against the class.
got=$(sed 's/.*, "\(.*\)"$/\1/' <<<"$class")
[[ $got == "$want" ]] || fail "the window's class is $got ($class), the desktop entry's StartupWMClass is $want"
say "the window's WM_CLASS is $class, as StartupWMClass says"
say "passed"
