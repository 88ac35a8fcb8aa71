#!/usr/bin/env bash
# Real-window test: builds bin/devpath and the journey driver (.ci/journey),
# starts an Xvfb of its own and drives devpath's window there only through X
# input events, as a user would: the first-run welcome, every screen, every
# export through the real file dialog, the clipboard, an import through the
# real file dialog, the theme, Ctrl+Q and a second start. Each step checks
# its effect (the database, the files, the clipboard, the picture), that
# devpath still runs and that its log shows no panic, threading error or
# unexpected Fyne error, and keeps a screenshot. See docs/development.md.
#
# Usage: .ci/window-test.sh [--bin FILE] [--out DIR] [--displays FIRST-LAST] [--timeout SECONDS]
#        .ci/window-test.sh --screenshots DIR [--bin FILE] [--displays FIRST-LAST]
#   --bin FILE         drive this devpath binary (e.g. the packaged one) instead of building bin/devpath
#   --out DIR          keep the screenshots, logs and the sandbox in DIR (default: a new temporary folder, kept)
#   --displays A-B     start Xvfb on the first free display from :A to :B (default 97-140)
#   --timeout S        how long a step may wait for its effect (default 30)
#   --screenshots DIR  retake every screen at 1024x640 and 1920x1080 in both themes into DIR instead
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source .ci/goflags.sh

bin="" out="" displays=97-140 timeout=30 shots=""
usage() { sed -n '11,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while (($#)); do
  case $1 in
    --bin) (($# >= 2)) || usage; bin=$2; shift 2 ;;
    --out) (($# >= 2)) || usage; out=$2; shift 2 ;;
    --displays) (($# >= 2)) || usage; displays=$2; shift 2 ;;
    --timeout) (($# >= 2)) || usage; timeout=$2; shift 2 ;;
    --screenshots) (($# >= 2)) || usage; shots=$2; shift 2 ;;
    -h | --help) usage ;;
    *) echo "window-test: unknown option $1" >&2; usage ;;
  esac
done
[[ $displays =~ ^([0-9]+)-([0-9]+)$ ]] || { echo "window-test: --displays wants FIRST-LAST, e.g. 110-119" >&2; exit 2; }
first=${BASH_REMATCH[1]} last=${BASH_REMATCH[2]}
[[ $timeout =~ ^[0-9]+$ ]] || { echo "window-test: --timeout wants whole seconds" >&2; exit 2; }

say() { echo "window-test: $*"; }
fail() { echo "window-test: FAIL: $*" >&2; exit 1; }

for tool in go Xvfb xdotool xwininfo import xclip; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed (run make deps)"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/devpath-window.XXXXXX")
xvfb_pid=""
cleanup() {
  local rc=$?
  set +e
  if [[ -n $xvfb_pid ]]; then
    kill -TERM "$xvfb_pid" 2>/dev/null
    wait "$xvfb_pid" 2>/dev/null
  fi
  rm -rf "$tmp/xvfb.log" "$tmp/journey"
  rmdir "$tmp" 2>/dev/null
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -z $bin ]]; then
  say "build bin/devpath"
  go build -o bin/devpath .
  bin=$PWD/bin/devpath
fi
[[ -x $bin ]] || fail "$bin is not an executable"
say "build the journey driver (.ci/journey)"
go build -o "$tmp/journey" ./.ci/journey

# A display of our own, large enough for the 1920x1080 screenshots.
source .ci/xvfb.sh
XVFB_SCREEN=1920x1080x24 start_xvfb "$first" "$last" || true
[[ -n $display ]] || fail "could not start Xvfb on any display from :$first to :$last"
say "Xvfb on $display"

args=(-display "$display" -bin "$bin" -timeout "${timeout}s")
if [[ -n $shots ]]; then
  args+=(-screenshots "$shots" -out "${out:-$tmp/shots-work}")
else
  [[ -z $out ]] && out=$(mktemp -d "${TMPDIR:-/tmp}/devpath-journey.XXXXXX")
  args+=(-out "$out")
fi
"$tmp/journey" "${args[@]}"
[[ -n $shots && -z ${out:-} ]] && rm -rf "$tmp/shots-work"
exit 0
